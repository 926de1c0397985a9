// The one stylesheet of the web UI. Logical properties (margin-inline-start, ...) so that Arabic
// mirrors without a second stylesheet; colours meet WCAG 2.1 AA contrast on white; the focus ring is
// always visible. Served from /assets/ with a content hash in its name.
export const STYLES = `
:root{--fg:#1a1a1a;--muted:#4d4d4d;--link:#0b55a3;--line:#d0d0d0;--bg-soft:#f3f5f8;--accent:#00558c;--warn:#7a3f00;--focus:#c25e00;--mark:#ffe066}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:#fff}
[lang=ar]{font-family:"Noto Naskh Arabic","Noto Sans Arabic",Tahoma,system-ui,sans-serif;line-height:1.8}
[dir=rtl] [lang]:not([lang=ar]):not([dir]){direction:ltr;unicode-bidi:isolate}
[dir=ltr] [lang=ar]:not([dir]){direction:rtl;unicode-bidi:isolate}
.wrap{max-width:72rem;margin-inline:auto;padding-inline:1rem}
a{color:var(--link);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;inset-inline-start:.5rem;top:-3rem;background:#fff;padding:.5rem 1rem;border:2px solid var(--accent);z-index:10}
.skip:focus{top:.5rem}
.vh{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
header.site{background:var(--accent);color:#fff}
header.site a{color:#fff}
header.site .top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding-block:.6rem}
.brand{font-weight:700;font-size:1.25rem;text-decoration:none}
.tagline{margin:0;font-size:.9rem}
nav.langs ul,nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .9rem}
nav.langs a{font-size:.9rem}
nav.langs a[aria-current]{font-weight:700;text-decoration:none;border-bottom:2px solid #fff}
nav.main{background:#003f69}
nav.main ul{padding-block:.45rem}
nav.main a{text-decoration:none;padding:.2rem 0;display:inline-block}
nav.main a[aria-current]{border-bottom:3px solid #fff;font-weight:600}
nav.main form{display:inline}
nav.main button{background:none;border:0;color:#fff;font:inherit;text-decoration:underline;cursor:pointer;padding:.2rem 0}
.who{font-size:.9rem}
main{padding-block:1rem 2rem}
h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:1.8rem 0 .6rem}
h3{font-size:1.1rem;margin:1.2rem 0 .4rem}
p,ul,ol{margin-block:.5rem}
.meta{color:var(--muted);font-size:.92rem}
.synthetic{color:var(--warn);font-weight:600;font-size:.85rem}
.tag{display:inline-block;background:var(--bg-soft);border:1px solid var(--line);border-radius:.75rem;padding:0 .55rem;font-size:.82rem;margin-inline-end:.25rem;margin-block:.1rem;color:var(--fg)}
.tag.theme{background:#eef6ee;border-color:#b5d3b5}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}
.card{border:1px solid var(--line);border-radius:.4rem;padding:.8rem 1rem;background:#fff}
.card h3{margin-top:0}
table{border-collapse:collapse;width:100%;margin-block:.5rem 1rem}
caption{text-align:start;font-weight:600;padding-block:.3rem}
th,td{text-align:start;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
thead th{background:var(--bg-soft)}
td.num,th.num{text-align:end;font-variant-numeric:tabular-nums}
.table-scroll{overflow-x:auto}
ul.plain{list-style:none;padding:0}
ul.plain li{padding-block:.35rem;border-bottom:1px solid var(--line)}
form.filters,form.inline{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:flex-end;background:var(--bg-soft);padding:.7rem;border-radius:.4rem;margin-block:.5rem 1rem}
form.filters label,form.inline label{display:flex;flex-direction:column;font-size:.9rem;gap:.15rem}
input,select,textarea,button{font:inherit}
input[type=text],input[type=search],input[type=email],input[type=password],input[type=date],select,textarea{border:1px solid #6b6b6b;border-radius:.25rem;padding:.35rem .5rem;background:#fff;color:var(--fg);max-width:100%}
textarea{width:100%;min-height:6rem}
button,.button{background:var(--accent);color:#fff;border:1px solid var(--accent);border-radius:.25rem;padding:.4rem 1rem;cursor:pointer;text-decoration:none;display:inline-block}
button:hover,.button:hover{background:#003f69}
.field{margin-block:0 1rem;max-width:40rem}
.field label,.field legend{display:block;font-weight:600;margin-block-end:.2rem}
.opt{font-weight:400;color:var(--muted);font-size:.88rem}
.field .hint{display:block;color:var(--muted);font-size:.88rem;font-weight:400}
.field input[type=text],.field input[type=email],.field input[type=password],.field select{width:100%}
.field fieldset{border:0;padding:0;margin:0}
.field .checks label{display:inline-flex;gap:.35rem;font-weight:400;margin-inline-end:1rem}
.field.invalid input,.field.invalid select,.field.invalid textarea{border:2px solid #b00020}
.error{color:#b00020;font-weight:600;margin:.2rem 0 0}
.alert{border:2px solid #b00020;background:#fff5f5;padding:.7rem 1rem;border-radius:.3rem;margin-block:1rem}
.notice{border:2px solid #1e6b35;background:#f2fbf4;padding:.7rem 1rem;border-radius:.3rem;margin-block:1rem}
.reader-controls{margin-block:.5rem 1rem}
.doc{margin-block:1rem}
.para{display:grid;grid-template-columns:3.2rem 1fr;gap:.2rem .6rem;padding-block:.55rem;border-bottom:1px solid #e6e6e6}
.para.pair{grid-template-columns:3.2rem 1fr 1fr}
.para .num a{font-weight:700;text-decoration:none}
.para .text p{margin:0}
.para .labels{grid-column:2/-1}
.para ol.sub{margin:.3rem 0 0;padding-inline-start:1.3rem;list-style:disc}
.para:target{background:#fff8d6}
.para .missing{color:var(--muted);font-style:italic}
mark{background:var(--mark);color:#000;padding:0 .05em}
.cols-head{display:grid;grid-template-columns:3.2rem 1fr 1fr;gap:.6rem;font-weight:600;border-bottom:2px solid var(--line)}
.agenda-item{border-inline-start:4px solid var(--accent);padding-inline-start:.8rem;margin-block:1rem}
.agenda-item h3{margin-top:0}
figure.chart{margin:1rem 0 2rem;border:1px solid var(--line);border-radius:.4rem;padding:.8rem}
figure.chart figcaption{font-weight:600;margin-block-end:.5rem}
.chart-canvas{min-height:0;overflow-x:auto}
.chart-canvas:empty{display:none}
.heat td.num{min-width:2.2rem}
.heat td.h1{background:#d7e9f7}.heat td.h2{background:#9cc8ea}.heat td.h3{background:#2b6aa0;color:#fff}.heat td.h4{background:#133f66;color:#fff}
.bar{display:inline-block;height:.7rem;background:var(--accent);vertical-align:middle;margin-inline-start:.4rem}
footer.site{border-top:1px solid var(--line);padding-block:1rem 2rem;color:var(--muted);font-size:.9rem}
.facets{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr))}
.facets h3{font-size:1rem;margin:0 0 .3rem}
.facets ul{list-style:none;padding:0;margin:0}
.hits li{padding-block:.6rem}
.pager{margin-block:1rem}
@media (max-width:40rem){.para.pair,.cols-head{grid-template-columns:2.6rem 1fr}.para.pair .text+.text{grid-column:2}.cols-head span:last-child{display:none}}
@media print{header.site,nav,footer.site,.reader-controls,form{display:none}}
@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto!important}}
`;
