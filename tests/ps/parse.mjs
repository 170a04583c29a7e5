// SPDX-License-Identifier: ISC
// Parses PowerShell scripts with tree-sitter-powershell, as the tests'
// grammar check. Usage:
//   node parse.mjs FILE...            every syntax error as FILE:LINE:COL: text; exit 1 if any
//   node parse.mjs --commands FILE    the name of every command the script calls, one a line
//   node parse.mjs --guards FILE      every command with the conditions of the if statements
//                                     around it: NAME<TAB>cond<TAB>..., an else branch as !(cond)
//   node parse.mjs --variables FILE   every variable the script names ($x, @splat), one a line
// A leading UTF-8 byte order mark is dropped, as PowerShell does. The
// packages are looked up in $PS_MODULES when set (a build from a tarball,
// whose source folder has none), else in node_modules beside this file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(process.env.PS_MODULES
	? pathToFileURL(process.env.PS_MODULES + '/').href
	: import.meta.url);
const { Parser, Language } = await import(pathToFileURL(require.resolve('web-tree-sitter')).href);
await Parser.init();
const lang = await Language.load(
	require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
const parser = new Parser();
parser.setLanguage(lang);

function load(file) {
	let text = readFileSync(file, 'utf8');
	if (text.charCodeAt(0) === 0xfeff)
		text = text.slice(1);
	return parser.parse(text);
}

function* walk(node) {
	yield node;
	for (let i = 0; i < node.childCount; i++)
		yield* walk(node.child(i));
}

// The commands under node, each with the if conditions that guard it.
function guards(node, conds, out) {
	if (node.type === 'command_name') {
		out.push([node.text, ...conds].join('\t'));
		return;
	}
	let cond = null;
	for (let i = 0; i < node.childCount; i++) {
		const c = node.child(i);
		if ((node.type === 'if_statement' || node.type === 'elseif_clause') &&
		    c.type === 'pipeline' && cond === null) {
			cond = c.text;
			guards(c, conds, out);
		} else if (cond !== null && c.type === 'statement_block') {
			guards(c, [...conds, cond], out);
		} else if (cond !== null && (c.type === 'else_clause' || c.type === 'elseif_clauses')) {
			guards(c, [...conds, `!(${cond})`], out);
		} else {
			guards(c, conds, out);
		}
	}
}

const args = process.argv.slice(2);
let status = 0;
if (args[0] === '--guards') {
	for (const file of args.slice(1)) {
		const out = [];
		guards(load(file).rootNode, [], out);
		out.forEach((l) => console.log(l));
	}
} else if (args[0] === '--variables') {
	for (const file of args.slice(1))
		for (const n of walk(load(file).rootNode))
			if (n.type === 'variable')
				console.log(n.text);
} else if (args[0] === '--commands') {
	for (const file of args.slice(1))
		for (const n of walk(load(file).rootNode))
			if (n.type === 'command_name')
				console.log(n.text);
} else {
	if (args.length === 0) {
		console.error('usage: node parse.mjs [--commands] FILE...');
		process.exit(2);
	}
	for (const file of args) {
		const tree = load(file);
		for (const n of walk(tree.rootNode)) {
			if (!n.isError && !n.isMissing)
				continue;
			const p = n.startPosition;
			const what = n.isMissing ? `missing ${n.type}` : `unexpected ${JSON.stringify(n.text.slice(0, 40))}`;
			console.log(`${file}:${p.row + 1}:${p.column + 1}: ${what}`);
			status = 1;
		}
	}
}
process.exit(status);
