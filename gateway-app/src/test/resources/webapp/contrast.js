// Every visible text of the page whose contrast with its background is below WCAG 2.1 AA (4.5:1, or 3:1 for large
// text), as "TAG 'text' ratio". The background is the nearest opaque one among the text's ancestors.
function channel(v) {
  v /= 255;
  return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
}
function luminance(rgb) {
  return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
}
function parse(colour) {
  const m = colour.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(parseFloat);
  return { rgb: parts.slice(0, 3), alpha: parts.length > 3 ? parts[3] : 1 };
}
function background(element) {
  for (let e = element; e; e = e.parentElement) {
    const b = parse(getComputedStyle(e).backgroundColor);
    if (b && b.alpha > 0.99) return b.rgb;
  }
  return [255, 255, 255];
}
const failures = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const text = walker.currentNode;
  const element = text.parentElement;
  if (!text.textContent.trim() || !element || element.closest('svg, [disabled], [hidden], noscript')) continue;
  const style = getComputedStyle(element);
  if (style.visibility === 'hidden' || element.getClientRects().length === 0) continue;
  const fg = luminance(parse(style.color).rgb);
  const bg = luminance(background(element));
  const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  const size = parseFloat(style.fontSize);
  const large = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
  if (ratio < (large ? 3 : 4.5)) {
    failures.push(`${element.tagName} '${text.textContent.trim().slice(0, 40)}' ${ratio.toFixed(2)}`);
  }
}
return failures;
