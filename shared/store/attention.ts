/**
 * The attention index (infra/table-definition.ts `attn`): a sparse index of the items the
 * reconciler must look at once their time comes, so it queries, never scans. An outbox item that
 * is not yet settled, and a mailing whose consumer has not yet written its outbox, are on it.
 */
export const ATTENTION_PK = 'ATTN';

/** The index's sort key: the look-again time, then the item's key (two items due at once stay apart). */
export const attentionAt = (at: string, key: { pk: string; sk: string }) => `${at}#${key.pk}#${key.sk}`;

/** The attributes that put an item on the index, due at `at`. */
export const onAttention = (at: string, key: { pk: string; sk: string }) => ({ attnpk: ATTENTION_PK, attnAt: attentionAt(at, key) });
