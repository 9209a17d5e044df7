/**
 * `ledgerlink simulate` without the command line: sends generated claims of the demo company to a running server,
 * signed as a webhook sender signs them or played as the OA vendor plays them (its token and instance APIs, its
 * encrypted approval callbacks), at a steady rate, and counts what the server answered.
 */
import { randomBytes } from 'node:crypto';
import { startOaSimulator, type ApprovalCallbackOptions, type OaSimulator, type OaSimulatorOptions } from '../clients/simulators/oa-server';
import { signStandardWebhook } from '../inbound/standard-webhook';
import { DEFAULT_APPROVED_BEFORE, generateClaims, type GeneratedClaim } from './claims';
import { achievedRate, paced } from './pacing';
import { SimulateError, type SimulationTarget } from './target';

export interface SimulateOptions {
  /** The server's base URL, e.g. http://127.0.0.1:3000. */
  url: string;
  target: SimulationTarget;
  count: number;
  ratePerS: number;
  faultyShare: number;
  seed: string;
  approvedBefore?: Date;
  /** Messages awaiting an answer at once (default 32). */
  maxInFlight?: number;
  /** Vendor play: how long to keep serving instances after the last callback (default 60 s). */
  fetchWaitMs?: number;
  /** One line per claim and the hints, for stderr. */
  log: (line: string) => void;
}

export interface SimulateSummary {
  sent: number;
  /** 2xx answers that stored new work */
  accepted: number;
  /** 2xx answers to a message id the server had already stored */
  duplicates: number;
  /** non-2xx answers */
  refused: number;
  /** no answer at all (connection refused, timeout) */
  failed: number;
  valid: number;
  faulty: number;
  elapsedMs: number;
  ratePerS: number;
  /** Vendor play only: instance requests the server made before the simulator stopped. */
  instancesFetched?: number;
}

type Answer = { kind: 'accepted' | 'duplicate' | 'refused'; status: number; detail: string } | { kind: 'failed'; status: 0; detail: string };

const ANSWER_TIMEOUT_MS = 15_000;

function hookUrl(base: string, connector: string): string {
  return `${base.replace(/\/+$/, '')}/api/hooks/${encodeURIComponent(connector)}`;
}

/** The reason a refusal gives (our JSON error shape), cut short for one log line. */
function reasonOf(bodyText: string): string {
  try {
    const m = (JSON.parse(bodyText) as { error?: { message?: string } }).error?.message;
    if (m) return m.slice(0, 200);
  } catch {
    // not JSON
  }
  return bodyText.slice(0, 200);
}

function failure(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return `no answer within ${ANSWER_TIMEOUT_MS / 1000} s`;
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? 'unknown error';
}

/** Before sending anything: is a Ledgerlink server there at all? Saves N identical connection errors. */
async function checkServer(url: string, log: (line: string) => void): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/+$/, '')}/api/health`, { signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
  } catch (error) {
    throw new SimulateError(`no Ledgerlink server answers at ${url} (${failure(error)}): start it with npm start, or pass --url`, 1);
  }
  if (!res.ok) log(`warning: ${url}/api/health answered ${res.status}: ${reasonOf(await res.text())}`);
  else await res.arrayBuffer();
}

/**
 * A message that got no answer (connection reset or refused, timeout) is sent again, up to this many times in all,
 * under the same message id: the server stores a message id once, so a retry whose first try did arrive is
 * answered as a duplicate and makes no second work. What every webhook sender does.
 */
const ATTEMPTS = 3;
const RETRY_DELAYS_MS = [250, 1000];

async function withRetries(attempt: () => Promise<Answer>): Promise<Answer & { attempts: number }> {
  let answer = await attempt();
  let attempts = 1;
  while (answer.kind === 'failed' && attempts < ATTEMPTS) {
    await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempts - 1]));
    answer = await attempt();
    attempts += 1;
    // Our own earlier try was stored after all: for this run it is accepted, not a duplicate.
    if (answer.kind === 'duplicate') answer = { kind: 'accepted', status: answer.status, detail: 'stored by an earlier try' };
  }
  return { ...answer, attempts };
}

async function postWebhook(url: string, secret: string, messageId: string, claim: GeneratedClaim): Promise<Answer> {
  try {
    const headers = signStandardWebhook(secret, { id: messageId, timestamp: new Date(), body: claim.bodyText });
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8', 'user-agent': 'ledgerlink-simulate' },
      body: claim.bodyText,
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    const text = await res.text();
    if (res.status >= 200 && res.status < 300) {
      const duplicate = (() => {
        try {
          return (JSON.parse(text) as { duplicate?: boolean }).duplicate === true;
        } catch {
          return false;
        }
      })();
      return { kind: duplicate ? 'duplicate' : 'accepted', status: res.status, detail: duplicate ? 'already stored' : '' };
    }
    return { kind: 'refused', status: res.status, detail: reasonOf(text) };
  } catch (error) {
    return { kind: 'failed', status: 0, detail: failure(error) };
  }
}

async function sendCallback(vendor: OaSimulator, instanceId: string, opts: ApprovalCallbackOptions): Promise<Answer> {
  try {
    const d = await vendor.sendApprovalCallback(instanceId, opts);
    if (d.status === 0) return { kind: 'failed', status: 0, detail: d.bodyText.slice(0, 200) };
    if (d.status >= 200 && d.status < 300) return { kind: 'accepted', status: d.status, detail: '' };
    return { kind: 'refused', status: d.status, detail: reasonOf(d.bodyText) };
  } catch (error) {
    return { kind: 'failed', status: 0, detail: failure(error) };
  }
}

async function startVendor(target: Extract<SimulationTarget, { kind: 'vendor' }>, callbackUrl: string): Promise<OaSimulator> {
  try {
    return await startOaSimulator({
      vendor: target.format,
      host: target.host,
      port: target.port,
      credentials: target.credentials,
      callback: { ...target.callback, url: callbackUrl },
    } as OaSimulatorOptions);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const where = `${target.host}:${target.port}`;
    if (code === 'EADDRINUSE') throw new SimulateError(`${where} is taken (another simulate still running?): the ${target.format} simulator cannot listen there`);
    if (code === 'EACCES') throw new SimulateError(`not allowed to listen on ${where}: give connector "${target.connector}" an API base URL with a port above 1023, e.g. http://127.0.0.1:4100`);
    throw error;
  }
}

export async function simulate(options: SimulateOptions): Promise<SimulateSummary> {
  const { target, log } = options;
  const claims = generateClaims({
    format: target.format,
    count: options.count,
    faultyShare: options.faultyShare,
    seed: options.seed,
    approvedBefore: options.approvedBefore ?? DEFAULT_APPROVED_BEFORE,
  });
  await checkServer(options.url, log);
  const url = hookUrl(options.url, target.connector);
  const counts = { accepted: 0, duplicate: 0, refused: 0, failed: 0 };
  // Unique per invocation, not per seed: re-sending the same seeded claims is a new delivery of the same instances.
  const runTag = randomBytes(6).toString('hex');

  let vendor: OaSimulator | null = null;
  if (target.kind === 'vendor') {
    vendor = await startVendor(target, url);
    const hostPort = new URL(vendor.url).host;
    log(`playing ${target.format} at ${vendor.url}; the server must be allowed to call it: start it with LEDGERLINK_OUTBOUND_ALLOW=${hostPort}`);
  }
  const started = performance.now();
  try {
    const send = async (i: number) => {
      const claim = claims[i];
      let answer: Answer & { attempts: number };
      if (target.kind === 'webhook') answer = await withRetries(() => postWebhook(url, target.secret, `sim_${runTag}_${i + 1}`, claim));
      else {
        vendor!.addInstance(claim.instanceId, claim.bodyText);
        // One event id for every try, as a vendor re-sends an event (WeCom's events carry none of their own).
        const eventId = `${runTag}${String(i + 1).padStart(8, '0')}`;
        answer = await withRetries(() => sendCallback(vendor!, claim.instanceId, { processCode: target.templateCode ?? undefined, eventId }));
      }
      counts[answer.kind] += 1;
      const what = claim.valid ? 'valid' : `faulty (${claim.fault})`;
      const result = answer.kind === 'failed' ? `failed: ${answer.detail}` : `${answer.status}${answer.detail ? ` ${answer.detail}` : ''}`;
      log(`#${i + 1} ${claim.oaReference} ${what} → ${result}${answer.attempts > 1 ? ` (after ${answer.attempts} tries)` : ''}`);
    };
    const run = await paced(claims.length, options.ratePerS, options.maxInFlight ?? 32, send);
    const summary: SimulateSummary = {
      sent: claims.length,
      accepted: counts.accepted,
      duplicates: counts.duplicate,
      refused: counts.refused,
      failed: counts.failed,
      valid: claims.filter((c) => c.valid).length,
      faulty: claims.filter((c) => !c.valid).length,
      elapsedMs: 0,
      ratePerS: achievedRate(claims.length, options.ratePerS, run),
    };
    if (vendor) summary.instancesFetched = await awaitFetches(vendor, counts.accepted, options.fetchWaitMs ?? 60_000, log);
    summary.elapsedMs = Math.round(performance.now() - started);
    return summary;
  } finally {
    await vendor?.close();
  }
}

/**
 * A vendor callback only names the instance: the server's worker then fetches it from the simulator, so the
 * simulator keeps serving until as many instance requests came as callbacks were accepted, or the wait ends.
 */
async function awaitFetches(vendor: OaSimulator, expected: number, waitMs: number, log: (line: string) => void): Promise<number> {
  const deadline = Date.now() + waitMs;
  while (vendor.instanceRequests < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (vendor.instanceRequests < expected) {
    log(
      `warning: the server fetched ${vendor.instanceRequests} of ${expected} instances within ${Math.round(waitMs / 1000)} s; ` +
        `is its worker running, and does LEDGERLINK_OUTBOUND_ALLOW name ${new URL(vendor.url).host}? The rest will fail when the simulator stops.`,
    );
  }
  return vendor.instanceRequests;
}
