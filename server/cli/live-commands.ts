import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Db } from '../../db/client';
import type { ActingParty } from '../services/audit';
import { createConnector, listConnectors } from '../services/connectors';
import { createTarget, listTargets } from '../services/finance-targets';
import { listRuns } from '../services/runs';
import { replayRuns } from '../services/runs-replay';
import { firstLineOfStdin } from './users-command';
import { EXIT, UsageError, expectedFailureExit, type CliIo } from './io';

export const LIVE_USAGE = `  ledgerlink connectors create --kind webhook --format dingtalk|feishu|wecom|generic --name NAME [--template CODE] [--secret whsec_…]
  ledgerlink connectors create --kind dingtalk|wecom|feishu --name NAME --settings JSON   (secrets JSON: LEDGERLINK_CONNECTOR_SECRETS or stdin)
  ledgerlink connectors list [--json]
  ledgerlink targets create --kind kingdee|u8|webhook --name NAME --url URL [--secret whsec_…] [--mapping MAPPING]…
        Kingdee: --acct-id ID --user NAME, password from LEDGERLINK_PASSWORD or the first line of stdin
  ledgerlink targets list [--json]
  ledgerlink runs list [--status ok|skipped|error|duplicate|dead] [--mapping M] [--json]
  ledgerlink runs replay ID… | --status error|dead`;

export interface LiveCommandDeps {
  openDb: () => Db;
  env?: Record<string, string | undefined>;
  readStdinLine?: () => Promise<string>;
}

const cliActor = (): ActingParty => ({ username: `cli:${os.userInfo().username}`, role: null });

function parseJsonOption(text: string | undefined, what: string): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new UsageError(`${what} must be a JSON object, e.g. '{"appKey":"…"}'`);
}

/** `ledgerlink connectors | targets | runs …`: the live-execution configuration and its runs, for scripts. */
export async function liveCommand(command: 'connectors' | 'targets' | 'runs', argv: string[], io: CliIo, deps: LiveCommandDeps): Promise<number> {
  let db: Db | undefined;
  const env = deps.env ?? process.env;
  const stdinLine = deps.readStdinLine ?? firstLineOfStdin;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kind: { type: 'string' },
        format: { type: 'string' },
        name: { type: 'string' },
        template: { type: 'string' },
        secret: { type: 'string' },
        settings: { type: 'string' },
        url: { type: 'string' },
        mapping: { type: 'string', multiple: true },
        'acct-id': { type: 'string' },
        user: { type: 'string' },
        status: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const [sub, ...rest] = positionals;
    const usage = () => new UsageError(`usage:\n${LIVE_USAGE.split('\n').filter((l) => l.includes(`ledgerlink ${command}`) || l.startsWith('        ')).join('\n')}`);

    if (command === 'connectors' && sub === 'create' && rest.length === 0) {
      if (!values.kind || !values.name) throw usage();
      const vendor = values.kind !== 'webhook';
      let secrets: Record<string, unknown> | undefined;
      if (values.secret) secrets = { webhookSecrets: [values.secret] };
      if (vendor) secrets = parseJsonOption(env.LEDGERLINK_CONNECTOR_SECRETS ?? (await stdinLine()), 'the connector secrets');
      db = deps.openDb();
      const created = createConnector(db, cliActor(), {
        name: values.name,
        kind: values.kind as never,
        format: (values.format ?? (vendor ? values.kind : '')) as never,
        templateCode: values.template,
        settings: parseJsonOption(values.settings, '--settings'),
        secrets,
      });
      io.out(JSON.stringify({ name: created.name, kind: created.kind, format: created.format, path: created.path, secret: created.secret ?? null }) + '\n');
      return EXIT.ok;
    }
    if (command === 'connectors' && sub === 'list' && rest.length === 0) {
      db = deps.openDb();
      const list = listConnectors(db).map(({ name, kind, format, templateCode, path, enabled, secretsSet }) => ({ name, kind, format, templateCode, path, enabled, secretsSet }));
      if (values.json) io.out(JSON.stringify(list, null, 2) + '\n');
      else for (const c of list) io.out(`${c.name}\t${c.kind}\t${c.format}\t${c.templateCode ?? '-'}\t${c.path}\t${c.enabled ? 'enabled' : 'disabled'}\n`);
      return EXIT.ok;
    }
    if (command === 'targets' && sub === 'create' && rest.length === 0) {
      if (!values.kind || !values.name || !values.url) throw usage();
      let settings: Record<string, unknown> | undefined;
      let secrets: Record<string, unknown> | undefined;
      if (values.kind === 'kingdee') {
        settings = { acctId: values['acct-id'] ?? '', username: values.user ?? '' };
        secrets = { password: env.LEDGERLINK_PASSWORD ?? (await stdinLine()) };
      } else if (values.secret) secrets = { secret: values.secret };
      db = deps.openDb();
      const t = createTarget(db, cliActor(), { name: values.name, kind: values.kind as never, url: values.url, settings, secrets, mappings: values.mapping });
      io.out(JSON.stringify({ name: t.name, kind: t.kind, url: t.url, mappings: t.mappings, secret: t.secret ?? null }) + '\n');
      return EXIT.ok;
    }
    if (command === 'targets' && sub === 'list' && rest.length === 0) {
      db = deps.openDb();
      const list = listTargets(db).map(({ name, kind, url, mappings, secretsSet }) => ({ name, kind, url, mappings, secretsSet }));
      if (values.json) io.out(JSON.stringify(list, null, 2) + '\n');
      else for (const t of list) io.out(`${t.name}\t${t.kind}\t${t.url}\t${t.mappings.join(',') || '-'}\n`);
      return EXIT.ok;
    }
    if (command === 'runs' && sub === 'list' && rest.length === 0) {
      db = deps.openDb();
      const list = listRuns(db, { status: values.status as never, mapping: values.mapping?.[0], limit: 1000 });
      if (values.json) {
        io.out(JSON.stringify(list.map(({ createdAt: _c, replayOf: _r, ...run }) => run), null, 2) + '\n');
        return EXIT.ok;
      }
      for (const r of list) {
        const delivered = r.deliveries.map((d) => `${d.target}:${d.status}${d.voucherNumber ? `:${d.voucherNumber}` : ''}`).join(',') || '-';
        io.out(`${r.id}\t${r.status}\t${r.mapping}@${r.version ?? '-'}\t${r.connector}\t${r.oaReference ?? r.instanceId ?? '-'}\t${delivered}\t${r.errors[0]?.message ?? ''}\n`);
      }
      return EXIT.ok;
    }
    if (command === 'runs' && sub === 'replay') {
      const ids = rest.map((x) => {
        if (!/^\d+$/.test(x)) throw new UsageError(`run ids are whole numbers; "${x}" is not one`);
        return Number(x);
      });
      if (ids.length === 0 && !values.status) throw usage();
      if (ids.length > 0 && values.status) throw new UsageError('give run ids or --status, not both');
      db = deps.openDb();
      const result = await replayRuns(db, cliActor(), ids.length ? { ids } : { status: values.status as never });
      for (const r of result.replayed)
        io.err(r.delivery ? `run ${r.run}: its delivery is back in the outbox\n` : `run ${r.run}: replayed as run ${r.newRun ?? '-'} (${r.status})\n`);
      for (const r of result.refused) io.err(`run ${r.run}: not replayed: ${r.reason}\n`);
      io.out(JSON.stringify(result) + '\n');
      return result.replayed.length === 0 && result.refused.length > 0 ? EXIT.failed : EXIT.ok;
    }
    throw usage();
  } catch (e) {
    return expectedFailureExit(e, io);
  } finally {
    db?.$client.close();
  }
}
