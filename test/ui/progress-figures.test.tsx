import {render} from 'ink-testing-library';
import {expect, test} from 'vitest';
import {progressReporter} from '../../src/cli/progress.js';
import {LoadingView} from '../../src/ui/panes/loading-view.js';
import {makeTheme} from '../../src/ui/view/theme.js';

test('the loading figures read the same on the stderr progress line and in the explorer loading view', () => {
	const progress = {bytesRead: 2050, totalBytes: 4100, layersRead: 1, layersTotal: 2};
	const written: string[] = [];
	const line = progressReporter({isTTY: false, write: (text: string) => written.push(text)}, 'app.tar', false);
	line.update(progress);
	expect(written[0]).toBe('Loading app.tar: 50% (2.05 kB of 4.1 kB), layer 1 of 2\n');
	const view = render(<LoadingView name="app.tar" progress={progress} size={{columns: 80, rows: 24}} theme={makeTheme(false)} />);
	expect(view.lastFrame()).toContain('50%  2.05 kB / 4.1 kB · 1 of 2 layers read');
	view.unmount();
});
