/**
 * The filter matcher lives in shared/stream/filter-match.ts: the stream router runs it in the cloud
 * and on the twin, so the twin's poller and tests import the very same code from here.
 */
export * from '../../shared/stream/filter-match';
