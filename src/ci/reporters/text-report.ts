import {renderReport} from '../report.js';
import type {Reporter} from './report-input.js';

export const textReporter: Reporter = {
	format: 'text',
	description: "dive's CI report (the default)",
	render: ({analysis, gate, color}) => `${renderReport(analysis, gate.results, {color})}\n`,
};
