#!/usr/bin/env node
// Plain `env node`: BusyBox's env (Alpine) has no -S, so a shebang cannot carry a flag portably.
// The flag: a small young generation keeps peak memory proportional to the files an image holds (about 25% less RSS
// at the same speed on a 235k-file image). Where Node can replace its own process (process.execve: Node >= 22.15 on
// Unix) the program restarts itself once with it; on older Node it runs without it. Run as `layerlens` or bin/layerlens.js.
// The old generation's growth is set at run time on every Node (bin/heap-flags.js).
import './heap-flags.js';

const flag = '--max-semi-space-size=4';
if (typeof process.execve === 'function' && process.platform !== 'win32' && !process.execArgv.includes(flag)) {
	process.execve(process.execPath, [process.execPath, flag, ...process.execArgv, ...process.argv.slice(1)]);
}
// The program as bundled by `npm run build` (bin/bundle.js): a few files load far faster than hundreds of modules.
const {main} = await import('../build/bundle/main.js');
process.exitCode = await main(process.argv.slice(2));
