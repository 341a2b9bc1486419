export type ViolationKind =
  | 'invalid-form-body'
  | 'empty-message'
  | 'unsafe-mentions'
  | 'mention-not-allowed'
  | 'foreign-role-mention'
  | 'missing-access'
  | 'missing-permissions'
  | 'unknown-resource'
  | 'unauthorized'
  | 'unknown-route'
  | 'late-acknowledgement'
  | 'unacknowledged-interaction'
  | 'double-acknowledgement'
  | 'invalid-interaction-response'
  | 'invalid-command-definition'
  | 'gateway-protocol'
  | 'invalid-shard'
  | 'sharding-required'
  | 'duplicate-shard'
  | 'identify-rate-limit'
  | 'session-start-limit';

/** A rule of Discord's that the bot broke; each end-to-end test should finish with none. */
export interface Violation {
  kind: ViolationKind;
  /** "METHOD /path" as requested, or "GATEWAY" / "INTERACTION <id>". */
  where: string;
  message: string;
  /** Milliseconds on the server's clock. */
  at: number;
}
