import { config } from 'zod/mini';
import { vi } from 'zod/locales';

/**
 * Field messages are for people: zod's own messages in Vietnamese, like every message the API
 * writes (README "Errors"). One global setting for classic zod and zod/mini alike (they share the
 * core); every schema module imports this one, so the locale is set before any parse.
 */
config(vi());
