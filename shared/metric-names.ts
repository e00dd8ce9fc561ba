/**
 * Metrics the functions emit (Powertools Metrics, EMF) under this namespace; the stack's alarms
 * and dashboards read the same names.
 */
export const metrics = {
  namespace: 'Thidua',
  names: {
    sent: 'EmailSent',
    failed: 'EmailFailed',
    suppressed: 'EmailSuppressed',
    superseded: 'EmailSuperseded',
    bounced: 'EmailBounced',
    complained: 'EmailComplaint',
    uncertain: 'EmailUncertain',
    latency: 'EmailLatencyMs',
  },
} as const;
