import {expect, test} from 'vitest';
import {thresholdFlags} from '../../src/ci/rule-flags.js';
import {ruleKinds} from '../../src/ci/rule-kinds.js';
import {ruleNames} from '../../src/ci/rules.js';
import {parseCliArgs} from '../../src/cli/args.js';

// The command line reads the threshold flags from rule-flags.ts, without loading the rules (start-up of every run):
// a rule kind given a flag of its own anywhere else would be a flag no one parses.
test('every rule kind with a flag of its own (not dive\'s camelCase three) has it from thresholdFlags, in report order', () => {
	const own = ruleKinds.filter(kind => kind.flag !== undefined && !(ruleNames as readonly string[]).includes(kind.id));
	expect(own.map(kind => [kind.id, kind.flag])).toEqual(Object.entries(thresholdFlags));
});

test('each threshold flag on the command line reaches the gate as its rule kind', () => {
	for (const [id, flag] of Object.entries(thresholdFlags)) {
		const parsed = parseCliArgs(['--ci', `--${flag}`, '7', 'image.tar'], {});
		expect(parsed.kind === 'run' ? parsed.options : parsed).toMatchObject({gateFlags: {[id]: '7'}});
	}
});
