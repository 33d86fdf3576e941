/** Imported first by the explorer's entry points, before Ink, chalk and React read the environment. */
import {prepareTerminalEnv} from './terminal-env.js';

prepareTerminalEnv(process.env, process.stdout.isTTY === true);
