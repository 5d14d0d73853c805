/**
 * Readable plain text from sanitised HTML (the text body of an HTML-only
 * message): paragraphs and blocks become blank-line separated, <br> a line
 * break, list items "- ", table cells separated by " | ", links "label <url>".
 * It expects sanitize-html output (well-formed, entities limited to the basic
 * ones), so a small tokenizer is enough.
 */

const BLOCK = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "ul",
  "ol",
  "blockquote",
  "pre",
  "section",
  "article",
  "header",
  "footer",
  "address",
  "figure",
  "dl",
]);
const LINE = new Set(["tr", "li", "dt", "dd", "caption", "figcaption"]);

const TOKEN =
  /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|<!--[\s\S]*?-->|([^<]+)|</g;

function attribute(attrs: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? "") : null;
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (whole, code: string) => {
    const lower = code.toLowerCase();
    if (lower === "amp") return "&";
    if (lower === "lt") return "<";
    if (lower === "gt") return ">";
    if (lower === "quot") return '"';
    if (lower === "apos") return "'";
    if (lower === "nbsp") return "\u00a0";
    const n = lower.startsWith("#x") ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
  });
}

/** Plain text for people from (sanitised) HTML. */
export function htmlToPlainText(html: string): string {
  let out = "";
  let pre = 0;
  let listDepth = 0;
  const links: { href: string; start: number }[] = [];
  const cellOpen: boolean[] = [];
  const breakLines = (n: number): void => {
    out = out.replace(/[ \t]+$/, "");
    const have = /\n*$/.exec(out)?.[0].length ?? 0;
    if (out !== "" && have < n) out += "\n".repeat(n - have);
  };
  for (const m of html.matchAll(TOKEN)) {
    const [, closing, rawName, attrs = "", , text] = m;
    if (text !== undefined || rawName === undefined) {
      if (text === undefined && m[0] !== "<") continue;
      const t = decodeEntities(text ?? m[0]);
      if (pre > 0) out += t;
      else {
        const collapsed = t.replace(/[\s\u00a0]+/g, (s) => (s.includes("\u00a0") ? s.replace(/[^\u00a0]/g, "") : " "));
        out += /(^|\n| )$/.test(out) ? collapsed.replace(/^ /, "") : collapsed;
      }
      continue;
    }
    const name = rawName.toLowerCase();
    const isClose = closing === "/";
    if (name === "br") {
      out = out.replace(/[ \t]+$/, "");
      out += "\n";
    } else if (name === "hr") {
      breakLines(1);
      out += "---";
      breakLines(2);
    } else if (name === "img" && !isClose) {
      const alt = attribute(attrs, "alt");
      if (alt) out += `[${alt}]`;
    } else if (name === "a") {
      if (!isClose) links.push({ href: attribute(attrs, "href") ?? "", start: out.length });
      else {
        const link = links.pop();
        const label = link ? out.slice(link.start).trim() : "";
        const href = link?.href.replace(/^mailto:/i, "") ?? "";
        if (link?.href && href !== label && !/^#/.test(link.href)) out += label ? ` <${href}>` : href;
      }
    } else if (name === "td" || name === "th") {
      if (!isClose) {
        if (cellOpen[cellOpen.length - 1]) out += " | ";
        cellOpen[cellOpen.length - 1] = true;
      }
    } else if (name === "tr") {
      breakLines(1);
      if (!isClose) cellOpen.push(false);
      else cellOpen.pop();
    } else if (name === "li") {
      breakLines(1);
      if (!isClose) out += `${"  ".repeat(Math.max(0, listDepth - 1))}- `;
    } else if (LINE.has(name)) {
      breakLines(1);
    } else if (BLOCK.has(name)) {
      if (name === "pre") pre += isClose ? -1 : 1;
      if (name === "ul" || name === "ol") listDepth += isClose ? -1 : 1;
      breakLines(listDepth > 0 && (name === "ul" || name === "ol") ? 1 : 2);
    }
  }
  return out
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/\u00a0/g, " ")
    .trim();
}
