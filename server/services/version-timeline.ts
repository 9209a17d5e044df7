/**
 * Which version of a mapping is in force when, decided from its review events alone (pure, no database).
 *
 * An activation (an approval, or a rollback) says "from `effectiveFrom` on, version N is in force". At an instant T
 * the version in force is the one named by the most recent activation (highest event id) whose effectiveFrom is
 * not after T. Approvals may only be effective from now or later, so a later decision never rewrites what was in
 * force before it was taken: December's claims stay on December's rules even when they arrive in January.
 */
export const VERSION_STATUSES = ['in_review', 'rejected', 'scheduled', 'in_force', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const EVENT_KINDS = ['submitted', 'approved', 'rejected', 'rolled_back'] as const;
export type VersionEventKind = (typeof EVENT_KINDS)[number];

export interface TimelineEvent {
  id: number;
  version: number;
  kind: VersionEventKind;
  actor: string;
  comment: string;
  /** ISO instant; set on activations only */
  effectiveFrom: string | null;
  at: string;
}

const isActivation = (e: TimelineEvent) => (e.kind === 'approved' || e.kind === 'rolled_back') && e.effectiveFrom !== null;
const ms = (iso: string) => Date.parse(iso);

/** The activation that decides what is in force at `at`, or null when no version was in force then. */
export function activationAt(events: readonly TimelineEvent[], at: Date): TimelineEvent | null {
  let best: TimelineEvent | null = null;
  for (const e of events) if (isActivation(e) && ms(e.effectiveFrom!) <= at.getTime() && (!best || e.id > best.id)) best = e;
  return best;
}

export function versionInForceAt(events: readonly TimelineEvent[], at: Date): number | null {
  return activationAt(events, at)?.version ?? null;
}

/** An activation that has not started yet and that no later decision overrides: it will take effect. */
function pendingActivations(events: readonly TimelineEvent[], now: Date): TimelineEvent[] {
  return events.filter(
    (a) => isActivation(a) && ms(a.effectiveFrom!) > now.getTime() && activationAt(events, new Date(ms(a.effectiveFrom!)))?.id === a.id,
  );
}

export function versionStatus(events: readonly TimelineEvent[], version: number, now: Date): VersionStatus {
  const own = events.filter((e) => e.version === version);
  if (own.some((e) => e.kind === 'rejected')) return 'rejected';
  if (!own.some(isActivation)) return 'in_review';
  if (versionInForceAt(events, now) === version) return 'in_force';
  if (pendingActivations(events, now).some((a) => a.version === version)) return 'scheduled';
  return 'superseded';
}

/** The first approval of a version: who approved it and from when (a rollback later is not an approval). */
export function approvalOf(events: readonly TimelineEvent[], version: number): TimelineEvent | null {
  return events.find((e) => e.version === version && e.kind === 'approved') ?? null;
}

/** The activation that (re)started the version now in force, e.g. to ask what changed in the tables since. */
export function currentActivation(events: readonly TimelineEvent[], now: Date): TimelineEvent | null {
  return activationAt(events, now);
}
