import {commandBreakSource, hiddenCharacterSource} from '../../format/display-text.js';

/**
The report page's own script, run in the browser after d3-hierarchy (inlined as `window.d3`). It reads the JSON in
`#report-data` and builds every section with DOM calls; names from the image only ever become text, never markup.
Plain ES2017, no template literals, so it can live in this string. Text from the image is shown as the terminal and
the CI reports show it (`shown`, the same rule as `displayText`): a bidi control or a zero-width character becomes `�`
instead of reordering or hiding part of a name.
*/
export const pageScript = String.raw`
(function () {
'use strict';
var data = JSON.parse(document.getElementById('report-data').textContent);
var d3 = window.d3;
var palette = JSON.parse(document.getElementById('report-palette').textContent);
var hiddenChars = /${hiddenCharacterSource}/gu;
function shown(text) { return text === undefined || text === null ? '' : String(text).replace(hiddenChars, '\ufffd'); }
// A command's line breaks and tabs are its own (a heredoc RUN): one space each, then shown like any text.
function shownCommand(text) { return shown(String(text || '').replace(/${commandBreakSource}/g, ' ')); }

function el(tag, attrs, children) {
	var node = document.createElement(tag);
	if (attrs) for (var key in attrs) {
		if (key === 'text') node.textContent = shown(attrs[key]);
		else if (key === 'className') node.className = attrs[key];
		else if (attrs[key] !== undefined && attrs[key] !== null) node.setAttribute(key, attrs[key]);
	}
	if (children) children.forEach(function (child) { if (child) node.appendChild(child); });
	return node;
}
function svgEl(tag) { return document.createElementNS('http://www.w3.org/2000/svg', tag); }
var units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
function fmtBytes(n) {
	if (n === null || n === undefined) return '-';
	if (!(n >= 10)) return Math.trunc(n) + ' B';
	var e = 0;
	while (e < units.length - 1 && n >= Math.pow(1000, e + 1)) e++;
	var value = Math.floor(n / Math.pow(1000, e) * 10 + 0.5) / 10;
	return value.toFixed(value < 10 ? 1 : 0) + ' ' + units[e];
}
function fmtCount(n) { return String(n).replace(/\B(?=(\d{3})+$)/g, ','); }
function fmtExact(n) { return fmtCount(n) + ' bytes'; }
function fmtPercent(ratio) { return ratio === null || !isFinite(ratio) ? '-' : (ratio * 100).toFixed(2) + ' %'; }
function layerColor(layer) { return layer < 0 ? '#6e7681' : palette[layer % palette.length]; }
function layerById(index) { return data.layers[index]; }
function shortCommand(layer) {
	var text = shownCommand(layer ? (layer.command || layer.createdBy || '') : '');
	return text.length > 120 ? text.slice(0, 119) + '\u2026' : text;
}

// ---------- summary ----------
function card(label, value, exact, id) {
	return el('div', {className: 'card', 'data-card': id}, [
		el('div', {className: 'label', text: label}),
		el('div', {className: 'value', text: value}),
		exact ? el('div', {className: 'exact', text: exact}) : null,
	]);
}
function renderSummary() {
	var image = data.image;
	document.getElementById('image-name').textContent = shown(image.name);
	var meta = [image.format, image.platform, image.tags.join(', ')].filter(Boolean).join(' \u00b7 ');
	document.getElementById('image-meta').textContent = shown(meta);
	var cards = document.getElementById('summary-cards');
	cards.appendChild(card('Total size', fmtBytes(image.sizeBytes), fmtExact(image.sizeBytes), 'total'));
	cards.appendChild(card('User size (all layers but the base)', fmtBytes(image.userSizeBytes), fmtExact(image.userSizeBytes), 'user'));
	if (image.compressedBytes !== null) cards.appendChild(card('Compressed size (layer blobs)', fmtBytes(image.compressedBytes), fmtExact(image.compressedBytes), 'compressed'));
	if (image.archiveBytes !== null) cards.appendChild(card('Archive file', fmtBytes(image.archiveBytes), fmtExact(image.archiveBytes), 'archive'));
	cards.appendChild(card('Efficiency (dive)', fmtPercent(image.efficiencyScore), String(image.efficiencyScore), 'efficiency'));
	cards.appendChild(card('Wasted bytes (dive)', fmtBytes(image.wastedBytes), fmtExact(image.wastedBytes) + ' \u00b7 ' + fmtPercent(image.userWastedPercent) + ' of user size', 'wasted'));
	cards.appendChild(card('Reclaimable (hidden copies)', fmtBytes(image.reclaimableBytes), fmtExact(image.reclaimableBytes), 'reclaimable'));
	cards.appendChild(card('Layers', String(image.layerCount), null, 'layers'));
	cards.appendChild(card('Paths in the final filesystem', fmtCount(image.finalFileCount), null, 'files'));
	if (data.ci) renderCi(data.ci);
}
function statusClass(status) { return status === 'pass' ? 'status-pass' : status === 'fail' ? 'status-fail' : status === 'skip' ? 'status-skip' : 'status-other'; }
function renderCi(results) {
	var failed = results.some(function (r) { return r.status === 'fail'; });
	var box = document.getElementById('ci');
	box.appendChild(el('h2', {text: 'CI rules: '}, [el('span', {className: failed ? 'status-fail' : 'status-pass', text: failed ? 'FAIL' : 'PASS'})]));
	var body = el('tbody');
	results.forEach(function (r) {
		body.appendChild(el('tr', {'data-rule': r.name}, [
			el('td', {}, [el('span', {className: statusClass(r.status), text: String(r.status).toUpperCase()})]),
			el('td', {text: r.name}),
			el('td', {text: r.message}),
		]));
	});
	box.appendChild(el('table', {id: 'ci-table'}, [el('thead', {}, [el('tr', {}, [el('th', {text: 'Status'}), el('th', {text: 'Rule'}), el('th', {text: 'Value or reason'})])]), body]));
	box.hidden = false;
}

// ---------- layers ----------
var selectedLayer = null;
var layerRows = [];
function renderLayers() {
	var list = document.getElementById('layer-list');
	var max = Math.max.apply(null, data.layers.map(function (l) { return l.sizeBytes; }).concat([1]));
	data.layers.forEach(function (layer) {
		var width = layer.sizeBytes / max * 100;
		var wasteWidth = layer.sizeBytes > 0 ? layer.reclaimableBytes / layer.sizeBytes * width : 0;
		var row = el('div', {className: 'layer', role: 'button', tabindex: '0', 'data-layer': String(layer.index), 'aria-expanded': 'false',
			title: shownCommand(layer.createdBy || layer.command || '') + '\nsize ' + fmtExact(layer.sizeBytes) + ', reclaimable ' + fmtExact(layer.reclaimableBytes)}, [
			el('span', {text: 'L' + layer.index}),
			el('span', {className: 'bar'}, [
				el('span', {className: 'fill', style: 'width:' + width + '%;background:' + layerColor(layer.index)}),
				wasteWidth > 0 ? el('span', {className: 'waste', style: 'left:' + (width - wasteWidth) + '%;width:' + wasteWidth + '%'}) : null,
			]),
			el('span', {className: 'size', text: fmtBytes(layer.sizeBytes)}),
			el('span', {className: 'cmd', text: shortCommand(layer)}),
		]);
		row.addEventListener('click', function (event) {
			if (event.target.closest('.layer-details')) return;
			selectLayer(selectedLayer === layer.index ? null : layer.index);
		});
		row.addEventListener('keydown', function (event) {
			if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); selectLayer(selectedLayer === layer.index ? null : layer.index); }
		});
		layerRows.push(row);
		list.appendChild(row);
	});
}
function layerDetails(layer) {
	function change(kind) {
		var totals = layer[kind];
		return el('span', {className: 'kind-' + kind, text: kind + ' ' + fmtCount(totals.count) + ' (' + fmtBytes(totals.bytes) + ')  '});
	}
	return el('div', {className: 'layer-details'}, [
		el('div', {className: 'sub', text: 'Command'}),
		el('pre', {text: layer.createdBy || layer.command || '(missing)'}),
		el('div', {}, [change('added'), change('modified'), change('removed')]),
		el('div', {text: 'size ' + fmtExact(layer.sizeBytes) + ' \u00b7 reclaimable ' + fmtExact(layer.reclaimableBytes) + ' \u00b7 ' + fmtCount(layer.entryCount) + ' entries \u00b7 ' + layer.compression}),
		el('div', {className: 'sub', text: layer.id}),
	]);
}
function selectLayer(index) {
	selectedLayer = index;
	layerRows.forEach(function (row, i) {
		var on = i === index;
		row.classList.toggle('selected', on);
		row.setAttribute('aria-expanded', on ? 'true' : 'false');
		var details = row.querySelector('.layer-details');
		if (details && !on) details.remove();
		if (on && !details) row.appendChild(layerDetails(data.layers[i]));
	});
	highlight();
	renderLegend();
}

// ---------- treemap ----------
function unpack(tree) {
	var n = tree.names.length, nodes = new Array(n);
	for (var i = 0; i < n; i++) nodes[i] = {i: i, name: tree.names[i], kind: tree.kinds[i], bytes: tree.bytes[i], layer: tree.layers[i], count: tree.counts[i], parent: null, children: null};
	for (var j = 1; j < n; j++) {
		var parent = nodes[tree.parents[j]];
		nodes[j].parent = parent;
		(parent.children || (parent.children = [])).push(nodes[j]);
	}
	return nodes[0];
}
var trees = {files: unpack(data.files), waste: unpack(data.waste)};
var thresholds = {files: data.files.threshold, waste: data.waste.threshold};
var mode = 'files';
var zoom = trees.files;
var svg = document.getElementById('treemap');
var tooltip = document.getElementById('tooltip');
function pathOf(node) {
	var parts = [];
	for (var n = node; n && n.parent; n = n.parent) parts.push(n.name);
	return '/' + parts.reverse().join('/');
}
var kindNames = ['file', 'dir', 'small'];
function drawTreemap() {
	while (svg.firstChild) svg.removeChild(svg.firstChild);
	var box = svg.getBoundingClientRect();
	var width = Math.max(100, Math.floor(box.width)), height = Math.max(100, Math.floor(box.height));
	svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
	renderCrumbs();
	var empty = document.getElementById('treemap-empty');
	if (!(zoom.bytes > 0)) {
		empty.textContent = mode === 'waste' ? 'No hidden copies: no layer stores bytes that a later layer overwrites or deletes.' : 'No file content here.';
		empty.hidden = false;
		return;
	}
	empty.hidden = true;
	var root = d3.hierarchy(zoom, function (d) { return d.kind === 1 ? d.children : null; })
		.sum(function (d) { return d.kind === 1 ? 0 : d.bytes; })
		.sort(function (a, b) { return b.value - a.value; });
	d3.treemap().tile(d3.treemapSquarify).size([width, height]).round(false)(root);
	var leaves = document.createDocumentFragment(), frames = document.createDocumentFragment(), labels = document.createDocumentFragment();
	var zoomPath = pathOf(zoom);
	var prefix = zoomPath === '/' ? '' : zoomPath;
	var pathMemo = new Map();
	pathMemo.set(root, prefix);
	root.each(function (h) {
		if (h.depth === 0) return;
		var path = pathMemo.get(h.parent) + '/' + h.data.name;
		pathMemo.set(h, path);
		if (!(h.value > 0)) return;
		var w = h.x1 - h.x0, ht = h.y1 - h.y0;
		var leaf = !h.children;
		if (!leaf && h.depth > 2) return;
		var rect = svgEl('rect');
		rect.setAttribute('x', h.x0); rect.setAttribute('y', h.y0); rect.setAttribute('width', w); rect.setAttribute('height', ht);
		rect.setAttribute('data-path', path);
		rect.setAttribute('data-size', String(h.value));
		rect.setAttribute('data-kind', kindNames[h.data.kind]);
		if (leaf) {
			rect.setAttribute('class', 'leaf');
			rect.setAttribute('data-layer', String(h.data.layer));
			rect.setAttribute('fill', layerColor(h.data.layer));
			rect.__node = h;
			leaves.appendChild(rect);
		} else {
			rect.setAttribute('class', 'dir depth-' + h.depth);
			frames.appendChild(rect);
		}
		var offset = 0;
		for (var a = h.parent; a && a.depth >= 1 && a.x0 === h.x0 && a.y0 === h.y0; a = a.parent) offset += 13;
		if (h.depth <= 3 && w > 46 && ht > 16 + offset) {
			var text = svgEl('text');
			text.setAttribute('x', h.x0 + 4); text.setAttribute('y', h.y0 + 13 + offset);
			var name = h.data.name + (leaf ? '' : '/') + ' ' + fmtBytes(h.value);
			var fits = Math.floor((w - 8) / 6.7);
			text.textContent = shown(name.length > fits ? name.slice(0, Math.max(1, fits - 1)) + '\u2026' : name);
			labels.appendChild(text);
		}
	});
	svg.appendChild(leaves); svg.appendChild(frames); svg.appendChild(labels);
	svg.setAttribute('data-zoom', zoomPath);
	highlight();
}
function highlight() {
	var rects = svg.querySelectorAll('rect.leaf');
	for (var i = 0; i < rects.length; i++) {
		var layer = Number(rects[i].getAttribute('data-layer'));
		rects[i].classList.toggle('hl', selectedLayer !== null && layer === selectedLayer);
		rects[i].classList.toggle('dim', selectedLayer !== null && layer !== selectedLayer);
	}
	svg.setAttribute('data-selected-layer', selectedLayer === null ? '' : String(selectedLayer));
}
function zoomTo(node) {
	zoom = node;
	hideTooltip();
	drawTreemap();
}
function renderCrumbs() {
	var crumbs = document.getElementById('crumbs');
	while (crumbs.firstChild) crumbs.removeChild(crumbs.firstChild);
	var chain = [];
	for (var n = zoom; n; n = n.parent) chain.unshift(n);
	chain.forEach(function (node, i) {
		var label = i === 0 ? '/' : node.name;
		if (i > 0) crumbs.appendChild(el('span', {className: 'sub', text: i === 1 ? '' : '/'}));
		if (i === chain.length - 1) crumbs.appendChild(el('span', {className: 'current', 'data-path': pathOf(node), text: label + ' (' + fmtBytes(node.bytes) + ')'}));
		else {
			var button = el('button', {type: 'button', 'data-path': pathOf(node), text: label});
			button.addEventListener('click', function () { zoomTo(node); });
			crumbs.appendChild(button);
		}
	});
}
function describe(h) {
	var d = h.data;
	var lines = [pathOf(d)];
	var layer = layerById(d.layer);
	if (d.kind === 2) lines[0] = pathOf(d.parent) + '/';
	if (d.kind === 2) lines.push(fmtCount(d.count) + ' items of ' + fmtBytes(thresholds[mode]) + ' or less, merged');
	lines.push(fmtBytes(h.value) + ' (' + fmtExact(h.value) + ')');
	lines.push((mode === 'waste' ? 'stored by layer ' : 'layer ') + d.layer + (layer ? ': ' + shortCommand(layer) : ''));
	if (mode === 'waste') lines.push('hidden by a later layer: reclaimable');
	return lines;
}
function showTooltip(event, h) {
	while (tooltip.firstChild) tooltip.removeChild(tooltip.firstChild);
	describe(h).forEach(function (line, i) { tooltip.appendChild(el('div', {className: i === 0 ? '' : 'sub', text: line})); });
	tooltip.style.display = 'block';
	var x = event.clientX + 14, y = event.clientY + 14;
	var rect = tooltip.getBoundingClientRect();
	if (x + rect.width > window.innerWidth) x = event.clientX - rect.width - 10;
	if (y + rect.height > window.innerHeight) y = event.clientY - rect.height - 10;
	tooltip.style.left = x + 'px'; tooltip.style.top = y + 'px';
}
function hideTooltip() { tooltip.style.display = 'none'; }
svg.addEventListener('mousemove', function (event) {
	var h = event.target.__node;
	if (h) showTooltip(event, h); else hideTooltip();
});
svg.addEventListener('mouseleave', hideTooltip);
svg.addEventListener('click', function (event) {
	var h = event.target.__node;
	if (!h) return;
	while (h.depth > 1) h = h.parent;
	if (h.children) zoomTo(h.data);
});
function setMode(next) {
	mode = next;
	zoom = trees[next];
	document.querySelectorAll('#mode button').forEach(function (b) { b.setAttribute('aria-pressed', b.getAttribute('data-mode') === next ? 'true' : 'false'); });
	document.getElementById('treemap-caption').textContent = next === 'waste'
		? 'Where the wasted bytes sit: every copy a later layer overwrites or deletes, coloured by the layer that stores it.'
		: 'The final filesystem: area is size, colour is the layer that last wrote the file.';
	drawTreemap();
}
document.querySelectorAll('#mode button').forEach(function (b) { b.addEventListener('click', function () { setMode(b.getAttribute('data-mode')); }); });
function renderLegend() {
	var legend = document.getElementById('legend');
	while (legend.firstChild) legend.removeChild(legend.firstChild);
	data.layers.forEach(function (layer) {
		var item = el('span', {className: 'item' + (selectedLayer === layer.index ? ' selected' : ''), 'data-layer': String(layer.index), title: shownCommand(layer.createdBy || layer.command)}, [
			el('span', {className: 'swatch', style: 'background:' + layerColor(layer.index)}),
			document.createTextNode('L' + layer.index + ' ' + (shortCommand(layer).slice(0, 40) || '(no command)')),
		]);
		item.addEventListener('click', function () { selectLayer(selectedLayer === layer.index ? null : layer.index); });
		legend.appendChild(item);
	});
	var note = thresholds[mode] >= 0 ? 'Items of ' + fmtBytes(thresholds[mode]) + ' or less are merged per directory and layer; every size stays exact.' : '';
	legend.appendChild(el('span', {className: 'sub', text: note}));
}

// ---------- tables ----------
function makeTable(container, spec) {
	var rows = spec.rows;
	var sortColumn = spec.sortColumn, sortDir = spec.sortDir, query = '', limit = 200;
	var input = el('input', {type: 'search', placeholder: 'filter by path', 'aria-label': 'Filter ' + spec.title});
	var count = el('span', {className: 'table-count'});
	var heads = spec.columns.map(function (col, i) {
		var th = el('th', {className: col.type === 'text' ? '' : 'num', text: col.label, 'data-column': String(i)});
		th.addEventListener('click', function () {
			if (sortColumn === i) sortDir = -sortDir; else { sortColumn = i; sortDir = col.type === 'text' ? 1 : -1; }
			render();
		});
		return th;
	});
	var body = el('tbody');
	var more = el('button', {className: 'more', type: 'button', text: 'Show more'});
	more.addEventListener('click', function () { limit += 500; render(); });
	container.appendChild(el('div', {className: 'table-tools'}, [input, count]));
	container.appendChild(el('table', {'data-table': spec.id}, [el('thead', {}, [el('tr', {}, heads)]), body]));
	container.appendChild(more);
	input.addEventListener('input', function () { query = input.value.toLowerCase(); limit = 200; render(); });
	function render() {
		var matching = query === '' ? rows.slice() : rows.filter(function (row) { return spec.text(row).toLowerCase().indexOf(query) !== -1; });
		var type = spec.columns[sortColumn].type;
		matching.sort(function (a, b) {
			var x = a[sortColumn], y = b[sortColumn];
			var c = type === 'text' ? (x < y ? -1 : x > y ? 1 : 0) : x - y;
			return c * sortDir || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
		});
		heads.forEach(function (th, i) { if (i === sortColumn) th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending'); else th.removeAttribute('aria-sort'); });
		while (body.firstChild) body.removeChild(body.firstChild);
		var frag = document.createDocumentFragment();
		matching.slice(0, limit).forEach(function (row) { frag.appendChild(spec.row(row)); });
		body.appendChild(frag);
		count.textContent = 'showing ' + fmtCount(Math.min(limit, matching.length)) + ' of ' + fmtCount(matching.length) + (query ? ' matching (' + fmtCount(rows.length) + ' in all)' : '');
		more.hidden = matching.length <= limit;
	}
	render();
}
function cell(text, className, title) { return el('td', {className: className || '', text: text, title: title}); }
function renderTables() {
	makeTable(document.getElementById('inefficient-table'), {
		id: 'inefficiencies', title: 'inefficient files', rows: data.inefficiencies, sortColumn: 2, sortDir: -1,
		columns: [{label: 'Path', type: 'text'}, {label: 'Count', type: 'num'}, {label: 'Wasted space (all copies)', type: 'num'}],
		text: function (row) { return row[0]; },
		row: function (row) { return el('tr', {}, [cell(row[0], 'path'), cell(fmtCount(row[1]), 'num'), cell(fmtBytes(row[2]), 'num', fmtExact(row[2]))]); },
	});
	makeTable(document.getElementById('reclaimable-table'), {
		id: 'reclaimable', title: 'reclaimable files', rows: data.reclaimable, sortColumn: 2, sortDir: -1,
		columns: [{label: 'Path', type: 'text'}, {label: 'Hidden copies', type: 'num'}, {label: 'Reclaimable', type: 'num'}],
		text: function (row) { return row[0]; },
		row: function (row) { return el('tr', {}, [cell(row[0], 'path'), cell(fmtCount(row[1]), 'num'), cell(fmtBytes(row[2]), 'num', fmtExact(row[2]))]); },
	});
}

// ---------- hints and diff ----------
function renderHints() {
	if (!data.hints) return;
	var section = document.getElementById('hints');
	section.hidden = false;
	var rows = data.hints.map(function (h) {
		var paths = h.paths || [];
		var pathText = paths.slice(0, 3).join(', ') + (paths.length > 3 ? ' and ' + (paths.length - 3) + ' more' : '');
		var name = (h.title || h.id || h.kind || '') + (h.severity ? ' (' + h.severity + ')' : '');
		return [name, typeof h.bytes === 'number' ? h.bytes : 0, h.message || '', h.fix || '', typeof h.layer === 'number' ? 'L' + h.layer : '', pathText];
	});
	if (rows.length === 0) { section.appendChild(el('p', {className: 'sub', text: 'No hints: nothing to suggest.'})); return; }
	makeTable(section, {
		id: 'hints', title: 'hints', rows: rows, sortColumn: 1, sortDir: -1,
		columns: [{label: 'Hint', type: 'text'}, {label: 'Bytes', type: 'num'}, {label: 'What happens', type: 'text'}, {label: 'Fix', type: 'text'}, {label: 'Layer', type: 'text'}, {label: 'Paths', type: 'text'}],
		text: function (row) { return row.join(' '); },
		row: function (row) { return el('tr', {}, [cell(row[0]), cell(fmtBytes(row[1]), 'num', fmtExact(row[1])), cell(row[2]), cell(row[3]), cell(row[4]), cell(row[5], 'path')]); },
	});
}
function renderDiff() {
	var diff = data.diff;
	if (!diff) return;
	var section = document.getElementById('diff');
	section.hidden = false;
	section.appendChild(el('p', {text: (diff.baseName || 'base') + ' \u2192 ' + (diff.targetName || 'target')}));
	if (diff.summary) {
		var cards = el('div', {className: 'cards'});
		Object.keys(diff.summary).forEach(function (key) {
			var value = diff.summary[key];
			var bytes = typeof value === 'number' && /Bytes$/.test(key);
			cards.appendChild(card(key, bytes ? fmtBytes(value) : String(value), bytes ? fmtExact(value) : null, 'diff-' + key));
		});
		section.appendChild(cards);
	}
	var rows = (diff.entries || []).map(function (e) {
		var before = typeof e.before === 'number' ? e.before : 0, after = typeof e.after === 'number' ? e.after : 0;
		return [e.path, e.kind, before, after, after - before];
	});
	makeTable(section, {
		id: 'diff', title: 'changed paths', rows: rows, sortColumn: 4, sortDir: -1,
		columns: [{label: 'Path', type: 'text'}, {label: 'Change', type: 'text'}, {label: 'Before', type: 'num'}, {label: 'After', type: 'num'}, {label: 'Delta', type: 'num'}],
		text: function (row) { return row[0] + ' ' + row[1]; },
		row: function (row) {
			var sign = row[4] > 0 ? '+' : row[4] < 0 ? '-' : '';
			return el('tr', {className: 'kind-' + row[1]}, [cell(row[0], 'path'), cell(row[1]), cell(fmtBytes(row[2]), 'num', fmtExact(row[2])), cell(fmtBytes(row[3]), 'num', fmtExact(row[3])), cell(sign + fmtBytes(Math.abs(row[4])), 'num', fmtExact(row[4]))]);
		},
	});
}

document.getElementById('footer').textContent = 'Written by ' + data.generator + '. One self-contained file: it loads nothing from the network.';
renderSummary();
renderLayers();
renderLegend();
setMode('files');
renderTables();
renderHints();
renderDiff();
var resizeTimer = null;
window.addEventListener('resize', function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(drawTreemap, 150); });
document.body.setAttribute('data-ready', 'true');
document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())));
})();
`;
