import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import AjvModule from 'ajv';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import {XMLParser, XMLValidator} from 'fast-xml-parser';
import {gateReportSchema} from '../../src/ci/reporters/gate-report-schema.js';

// CommonJS packages: their classes sit on `default` when imported from ESM under NodeNext.
const Ajv = AjvModule.default;
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

const here = path.dirname(fileURLToPath(import.meta.url));

/** The official SARIF 2.1.0 schema (draft-04), compiled once. Returns ajv's errors, or [] when valid. */
const sarifValidator = (() => {
	const ajv = new AjvDraft04({allErrors: true, strict: false});
	addFormats(ajv);
	return ajv.compile(JSON.parse(readFileSync(path.join(here, 'schemas/sarif-schema-2.1.0.json'), 'utf8')));
})();

export function sarifErrors(document: unknown): unknown[] {
	return sarifValidator(document) ? [] : [...(sarifValidator.errors ?? [])];
}

/**
What GitHub code scanning requires of each result on top of the schema (docs.github.com, "SARIF support for code
scanning"; its upload fails the whole file otherwise: "locationFromSarifResult: expected artifact location",
"unrecognized SARIF location URI scheme"): at least one location, each with a physical artifact location whose URI is
non-empty and either relative (resolved against the repository) or a file: URI. No offline validator checks this (the
SARIF multitool's GHAS rules pass a result that has only a logical location), so it is written out here.
*/
export function githubCodeScanningErrors(document: {runs: Array<{results: Array<{locations?: Array<{physicalLocation?: {artifactLocation?: {uri?: string}}}>}>}>}): string[] {
	const errors: string[] = [];
	document.runs.forEach((run, r) =>
		run.results.forEach((result, i) => {
			const where = `runs[${r}].results[${i}]`;
			if (!result.locations || result.locations.length === 0) errors.push(`${where}: no location`);
			result.locations?.forEach((location, l) => {
				const uri = location.physicalLocation?.artifactLocation?.uri;
				if (!uri) return void errors.push(`${where}.locations[${l}]: expected artifact location`);
				let resolved: URL;
				try {
					resolved = new URL(uri, 'file:///repository/');
				} catch {
					return void errors.push(`${where}.locations[${l}]: invalid URI ${JSON.stringify(uri)}`);
				}
				if (resolved.protocol !== 'file:') errors.push(`${where}.locations[${l}]: unrecognized URI scheme ${resolved.protocol}`);
			});
		}),
	);
	return errors;
}

const gateValidator = new Ajv({allErrors: true, strict: true}).compile(gateReportSchema);

export function gateReportErrors(document: unknown): unknown[] {
	return gateValidator(document) ? [] : [...(gateValidator.errors ?? [])];
}

/** Parses JUnit XML with a real XML parser (after checking it is well-formed); elements that may repeat are arrays. */
export function parseJunit(xml: string) {
	const valid = XMLValidator.validate(xml);
	if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
	const parser = new XMLParser({
		ignoreAttributes: false,
		attributeNamePrefix: '',
		parseAttributeValue: false,
		// Decode character references (&#10; …) as every XML parser must; fast-xml-parser does it only when asked.
		htmlEntities: true,
		isArray: name => ['testsuite', 'testcase', 'property'].includes(name),
	});
	return parser.parse(xml) as {
		testsuites: {
			name: string;
			tests: string;
			failures: string;
			skipped: string;
			testsuite: Array<{
				name: string;
				tests: string;
				failures: string;
				skipped: string;
				errors: string;
				testcase: Array<{name: string; classname: string; time: string; failure?: {message: string; type: string; '#text'?: string}; skipped?: {message: string}; 'system-out'?: string}>;
			}>;
		};
	};
}

/** Reads GitHub workflow commands back: `::name prop=value,...::message`, undoing the runner's escapes. */
export function parseWorkflowCommands(output: string) {
	const unescape = (text: string) => text.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%3A', ':').replaceAll('%2C', ',').replaceAll('%25', '%');
	return output
		.split('\n')
		.filter(line => line !== '')
		.map(line => {
			const match = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
			if (!match) throw new Error(`not a workflow command: ${JSON.stringify(line)}`);
			const properties = Object.fromEntries(
				(match[2] ?? '')
					.split(',')
					.filter(Boolean)
					.map(pair => {
						const equals = pair.indexOf('=');
						return [pair.slice(0, equals), unescape(pair.slice(equals + 1))];
					}),
			);
			return {command: match[1]!, properties, message: unescape(match[3]!), raw: line};
		});
}
