import { classifyOutbound, type ClassifiedOutcome } from '../delivery-outcome';
import { outboundFetch, type OutboundResult } from '../http';
import { KINGDEE_SERVICE, LOGIN_SUCCESS } from './kingdee-protocol';
import type { FinanceTransportOptions } from './types';

export interface KingdeeTargetConfig extends FinanceTransportOptions {
  /** The K/3 Cloud site, e.g. https://erp.example.com/k3cloud/ (the services are resolved under it). */
  url: string;
  /** 数据中心 id. */
  acctId: string;
  username: string;
  password: string;
  /** 2052 = Simplified Chinese (default), 1033 = English: the language of Kingdee's error messages. */
  lcid?: number;
}

export type LoginResult = { ok: true } | { ok: false; failure: ClassifiedOutcome };

/**
 * A logged-in K/3 Cloud session: the cookies ValidateUser sets (kdservice-sessionid, ASP.NET_SessionId), kept
 * across deliveries so each voucher does not cost a login, and dropped when Kingdee says the session is gone.
 */
export class KingdeeSession {
  private cookies = new Map<string, string>();
  private loggingIn: Promise<LoginResult> | null = null;

  constructor(private readonly config: KingdeeTargetConfig) {}

  get loggedIn(): boolean {
    return this.cookies.size > 0;
  }

  forget(): void {
    this.cookies.clear();
  }

  serviceUrl(service: string): string {
    const base = this.config.url.endsWith('/') ? this.config.url : `${this.config.url}/`;
    return new URL(service, base).toString();
  }

  /** POST JSON text to a service with the session's cookies; any cookie the reply sets is kept. */
  async post(service: string, bodyText: string): Promise<OutboundResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const result = await outboundFetch(
      { method: 'POST', url: this.serviceUrl(service), headers, body: bodyText, timeoutMs: this.config.timeoutMs },
      this.config.policy,
    );
    if (result.kind === 'response') this.absorbCookies(result.headers['set-cookie']);
    return result;
  }

  /** One login at a time: concurrent deliveries that find no session wait for the same ValidateUser. */
  login(): Promise<LoginResult> {
    this.loggingIn ??= this.validateUser().finally(() => {
      this.loggingIn = null;
    });
    return this.loggingIn;
  }

  private async validateUser(): Promise<LoginResult> {
    this.forget();
    const { acctId, username, password, lcid = 2052 } = this.config;
    const result = await this.post(KINGDEE_SERVICE.login, JSON.stringify({ acctID: acctId, username, password, lcid }));
    const classified = classifyOutbound(result);
    // Never keep the login reply: it carries the session id (KDSVCSessionId) and the user's context.
    delete classified.responseText;
    if (classified.outcome !== 'delivered' || result.kind !== 'response') {
      // A login changes nothing in the books, so "sent but no answer" is simply worth another try.
      if (classified.outcome === 'unknown') classified.outcome = 'retry';
      return { ok: false, failure: { ...classified, error: `Kingdee login (ValidateUser) failed: ${classified.error ?? 'no reply'}` } };
    }
    let reply: { LoginResultType?: unknown; IsSuccessByAPI?: unknown; Message?: unknown } | null = null;
    try {
      reply = JSON.parse(result.bodyText);
    } catch {
      // handled below
    }
    if (reply && (Number(reply.LoginResultType) === LOGIN_SUCCESS || reply.IsSuccessByAPI === true) && this.loggedIn) return { ok: true };
    this.forget();
    const message = reply && typeof reply.Message === 'string' && reply.Message ? reply.Message : 'no session was granted';
    // Wrong account set, user or password: no retry fixes that; the integrator corrects the target and replays.
    return {
      ok: false,
      failure: {
        outcome: 'dead',
        httpStatus: result.status,
        error: `Kingdee refused the login for user "${username}" on account set "${acctId}": ${message} (LoginResultType ${String(reply?.LoginResultType ?? '?')})`,
      },
    };
  }

  private absorbCookies(setCookie: string | undefined): void {
    if (!setCookie) return;
    for (const line of setCookie.split('\n')) {
      const pair = line.split(';', 1)[0];
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
