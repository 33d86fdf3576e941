// Preloaded (--import) into the built CLI by test/loader/inline-decode.test.ts: counts the worker threads the program
// starts and prints the count on stderr at exit (the program's `import {Worker}` follows the patched export once
// syncBuiltinESMExports has run).
import {syncBuiltinESMExports} from 'node:module';
import process from 'node:process';
import threads from 'node:worker_threads';

let started = 0;
const Original = threads.Worker;
threads.Worker = class extends Original {
	constructor(...args) {
		super(...args);
		started++;
	}
};
syncBuiltinESMExports();
process.on('exit', () => process.stderr.write(`worker threads started: ${started}\n`));
