/**
The `--report` format names, in the order help and errors list them: the command line checks a format against this
list without loading the reporters themselves (the HTML report's renderer among them), which only the gate needs.
`reporters.ts` holds one reporter for each name.
*/
export const reportFormats = ['text', 'github', 'junit', 'sarif', 'markdown', 'json', 'html'] as const;

export function isReportFormat(format: string): boolean {
	return (reportFormats as readonly string[]).includes(format);
}
