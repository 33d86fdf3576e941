// V8 heap settings the program applies to itself at start-up, for its own process only (bin/layerlens.js imports this
// first). Node reads them at every full garbage collection, so they take effect without restarting Node (unlike the
// young-generation size, which bin/layerlens.js can only pass to a restarted process).
//
// --heap-growing-percent=50: after each full collection the old generation may grow to 1.5x what survived it before
// the next one starts. V8 otherwise allows up to 4x on a fast collector, so a run that builds ~100 MB of analysis
// reached its peak with ~35 MB of dead temporaries still held (the 235k-file image: peak RSS 231-243 MB -> 215-221 MB,
// the 1M-entry image 533-575 MB -> 486-489 MB, CPU time within the run-to-run noise).
import {setFlagsFromString} from 'node:v8';

setFlagsFromString('--heap-growing-percent=50');
