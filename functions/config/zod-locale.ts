import { en } from 'zod/locales';
import * as z from 'zod/mini';

/*
 * Full zod registers English messages on its own; zod/mini leaves every built-in message as a
 * bare "Invalid input" until a locale is set. Imported for this side effect by each module that
 * turns issues into text, so the messages users and operators see stay the same.
 */
z.config(en());
