import type {Reporter, ReportInput as GateReportInput} from '../../ci/reporters/report-input.js';
import {renderHtmlReport} from './render-html.js';

/**
`--report html=PATH`: the self-contained HTML report with the gate's results. Pure like every reporter: the CLI
reads d3-hierarchy's browser build (`readTreemapLibrarySync`) and passes it in `assets`.
*/
export const htmlReporter: Reporter = {
	format: 'html',
	description: 'one self-contained HTML page: summary, layers, a size treemap, the waste tables and the rule results',
	render: (input: GateReportInput) => {
		const treemapLibrary = input.assets?.treemapLibrary;
		if (treemapLibrary === undefined) throw new Error('the html report needs d3-hierarchy (assets.treemapLibrary)');
		return [...renderHtmlReport({analysis: input.analysis, ci: input.gate.results, generator: `${input.tool.name} ${input.tool.version}`}, {treemapLibrary})].join('');
	},
};
