import {displayText} from '../../format/display-text.js';
import {ruleKinds} from '../rule-kinds.js';
import {imageFacts, type Reporter, type ReportInput} from './report-input.js';

/**
SARIF 2.1.0: the driver lists every rule kind with its help; one result per failing or warning rule or matched path.
A path inside the image is a logical location (its raw name: SARIF's JSON holds any text) and a physical one: an
artifact URI relative to `IMAGE_ROOT` (the root of the image's filesystem), percent-encoded (`imageUri`). A result about
the whole image (efficiency, sizes, layers) has the image's name as its artifact: GitHub code scanning rejects the whole
file when any result has only a logical location ("locationFromSarifResult: expected artifact location"). The message a
viewer shows goes through `displayText`.
*/
export function sarifLog({analysis, gate, tool}: ReportInput) {
	const image = imageFacts(analysis).name;
	const indexOf = new Map(ruleKinds.map((kind, index) => [kind.id, index]));
	const results = gate.results.flatMap(result => {
		if (result.status !== 'fail' && result.status !== 'warn') return [];
		const base = {ruleId: result.kind, ruleIndex: indexOf.get(result.kind)!, level: result.status === 'fail' ? 'error' : 'warning'};
		const imageLocation = {physicalLocation: {artifactLocation: {uri: imageUri(image) || 'image'}}, logicalLocations: [{name: image, kind: 'module'}]};
		if (!result.paths || result.paths.length === 0) {
			return [{...base, message: {text: displayText(`${result.name}: ${result.message}`)}, locations: [imageLocation]}];
		}
		return result.paths.map(path => ({
			...base,
			message: {text: displayText(`${path.path} (layer ${path.layer}, ${path.bytes} bytes): ${result.name}: ${result.message}`)},
			locations: [
				{
					physicalLocation: {artifactLocation: {uri: imageUri(path.path), uriBaseId: 'IMAGE_ROOT'}},
					logicalLocations: [{name: path.path, fullyQualifiedName: `${image}:${path.path}`, kind: 'resource'}],
				},
			],
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
				originalUriBaseIds: {IMAGE_ROOT: {description: {text: "The root of the image's final filesystem (not a directory of the repository)."}}},
				results,
				invocations: [{executionSuccessful: true, exitCode: gate.passed ? 0 : 1}],
				properties: {image, passed: gate.passed},
			},
		],
	};
}

/**
A path of the image as a relative URI reference (SARIF 2.1.0 §3.10, RFC 3986): each segment percent-encoded as UTF-8,
so `%`, spaces, `#`, `?`, `:` and every non-ASCII or control character stay part of the path, and the leading `/`
dropped (resolved against `IMAGE_ROOT`). A lone surrogate (not text) is encoded as U+FFFD.
*/
export function imageUri(path: string): string {
	return path
		.replace(/^\/+/, '')
		.split('/')
		.map(segment => encodeURIComponent(segment.replace(/[\ud800-\udfff]/gu, '\ufffd')))
		.join('/');
}

export const sarifReporter: Reporter = {
	format: 'sarif',
	description: 'SARIF 2.1.0 (code scanning): one result per failing or warning rule or matched path',
	render: input => `${JSON.stringify(sarifLog(input), null, 2)}\n`,
};
