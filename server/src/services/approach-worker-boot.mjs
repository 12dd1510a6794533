// Entry of an analysis worker thread: the sources are TypeScript, run through tsx in the server, so the
// worker registers tsx's loader before loading its module.
import { register } from 'tsx/esm/api';

register();
await import('./approach-worker.ts');
