// Sideways-overflow check run in the page by test_browser_planning.py (returns problems).
(() => {
  const vw = document.documentElement.clientWidth;
  const out = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : '');
  const inGrid = (el) => el.closest('.ag-root-wrapper') && !el.classList.contains('ag-root-wrapper');
  const blockParent = (el) => {
    let p = el.parentElement;
    while (p && ['inline', 'contents'].includes(getComputedStyle(p).display)) p = p.parentElement;
    return p;
  };
  if (document.documentElement.scrollWidth > vw + 1) out.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + vw);
  for (const el of document.querySelectorAll('body *')) {
    // Plotly's text-measuring SVG sits off screen on purpose
    if (el.id === 'js-plotly-tester' || el.closest('#js-plotly-tester')) continue;
    if (inGrid(el) || el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    if (r.left < -1 || r.right > vw + 1) { out.push(name(el) + ' outside the viewport: ' + Math.round(r.left) + '..' + Math.round(r.right) + ' of ' + vw); continue; }
    if (['absolute', 'fixed'].includes(s.position)) continue;
    const p = blockParent(el);
    if (p && p !== document.body) {
      const pr = p.getBoundingClientRect();
      if (r.right > pr.right + 1 || r.left < pr.left - 1) out.push(name(el) + ' wider than ' + name(p) + ': ' + Math.round(r.width) + ' > ' + Math.round(pr.width));
    }
    if (['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1) out.push(name(el) + ' scrolls sideways: ' + el.scrollWidth + ' > ' + el.clientWidth);
  }
  return out.slice(0, 15);
})
