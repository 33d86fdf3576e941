import {displayText} from '../../format/display-text.js';
import {ruleKinds} from '../rule-kinds.js';
import {imageFacts, type Reporter, type ReportInput} from './report-input.js';

/**
SARIF 2.1.0: the driver lists every rule kind with its help; one result per failing or warning rule or matched path.
A path inside the image is a logical location (its raw name: SARIF's JSON holds any text), not an artifact URI; the
message a viewer shows goes through `displayText`.
*/
export function sarifLog({analysis, gate, tool}: ReportInput) {
	const image = imageFacts(analysis).name;
	const indexOf = new Map(ruleKinds.map((kind, index) => [kind.id, index]));
	const results = gate.results.flatMap(result => {
		if (result.status !== 'fail' && result.status !== 'warn') return [];
		const base = {ruleId: result.kind, ruleIndex: indexOf.get(result.kind)!, level: result.status === 'fail' ? 'error' : 'warning'};
		const imageLocation = {logicalLocations: [{name: image, kind: 'module'}]};
		if (!result.paths || result.paths.length === 0) {
			return [{...base, message: {text: displayText(`${result.name}: ${result.message}`)}, locations: [imageLocation]}];
		}
		return result.paths.map(path => ({
			...base,
			message: {text: displayText(`${path.path} (layer ${path.layer}, ${path.bytes} bytes): ${result.name}: ${result.message}`)},
			locations: [{logicalLocations: [{name: path.path, fullyQualifiedName: `${image}:${path.path}`, kind: 'resource'}]}],
			properties: {layer: path.layer, bytes: path.bytes, pattern: result.pattern ?? ''},
		}));
	});
	return {
		$schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: tool.name,
						version: tool.version,
						rules: ruleKinds.map(kind => ({
							id: kind.id,
							name: kind.id,
							shortDescription: {text: kind.help},
							fullDescription: {text: kind.help},
							help: {text: kind.help},
							defaultConfiguration: {level: 'error'},
						})),
					},
				},
				results,
				invocations: [{executionSuccessful: true, exitCode: gate.passed ? 0 : 1}],
				properties: {image, passed: gate.passed},
			},
		],
	};
}

export const sarifReporter: Reporter = {
	format: 'sarif',
	description: 'SARIF 2.1.0 (code scanning): one result per failing or warning rule or matched path',
	render: input => `${JSON.stringify(sarifLog(input), null, 2)}\n`,
};
