import sanitize from "sanitize-html";

/**
 * HTML of an inbound message made safe to show: formatting, tables, images and
 * links stay; scripts, styles, frames, objects, forms, event handlers and
 * `javascript:` URLs go. Images may come from `cid:` (inline parts, rewritten to
 * attachment links by the pipeline), `data:` and `https:`; links open without
 * handing the opener or referrer to the sender's site.
 */

const TAGS = [
  ...sanitize.defaults.allowedTags,
  "img",
  "font",
  "center",
  "big",
  "strike",
  "del",
  "ins",
  "tt",
  "article",
  "section",
];

/** Attributes that carry presentation only (the `style` attribute is filtered property by property). */
const PRESENTATION = ["style", "class", "align", "valign", "dir", "lang", "title", "bgcolor", "width", "height"];

const ATTRIBUTES: sanitize.IOptions["allowedAttributes"] = {
  "*": PRESENTATION,
  a: ["href", "name", "target", "rel", ...PRESENTATION],
  img: ["src", "alt", "title", "width", "height", "border", ...PRESENTATION],
  font: ["color", "face", "size", ...PRESENTATION],
  table: ["border", "cellpadding", "cellspacing", "summary", ...PRESENTATION],
  td: ["colspan", "rowspan", "nowrap", ...PRESENTATION],
  th: ["colspan", "rowspan", "nowrap", "scope", ...PRESENTATION],
  col: ["span", ...PRESENTATION],
  colgroup: ["span", ...PRESENTATION],
  ol: ["start", "type", ...PRESENTATION],
  li: ["value", ...PRESENTATION],
  blockquote: ["cite", "type", ...PRESENTATION],
};

const LENGTH =
  /^-?\d+(?:\.\d+)?(?:px|pt|em|rem|%|ex|cm|mm|in)?(?:\s+-?\d+(?:\.\d+)?(?:px|pt|em|rem|%|ex|cm|mm|in)?){0,3}$/i;
const COLOUR = /^(?:#[0-9a-f]{3,8}|[a-z]+|rgba?\(\s*[\d.\s,%]+\)|hsla?\(\s*[\d.\s,%deg]+\))$/i;
const WORDS = /^[a-z0-9\s,'"_-]+$/i;
const BORDER = /^[a-z0-9#\s.,%()-]+$/i;

/** CSS properties kept in a `style` attribute, each with the values it may take (never url() or expression()). */
const STYLES: Record<string, RegExp[]> = {
  color: [COLOUR],
  "background-color": [COLOUR],
  "font-family": [WORDS],
  "font-size": [LENGTH, WORDS],
  "font-weight": [WORDS],
  "font-style": [WORDS],
  "text-align": [WORDS],
  "text-decoration": [WORDS],
  "vertical-align": [WORDS, LENGTH],
  "line-height": [LENGTH, WORDS],
  "white-space": [WORDS],
  margin: [LENGTH, WORDS],
  "margin-left": [LENGTH],
  "margin-right": [LENGTH],
  "margin-top": [LENGTH],
  "margin-bottom": [LENGTH],
  padding: [LENGTH],
  "padding-left": [LENGTH],
  "padding-right": [LENGTH],
  "padding-top": [LENGTH],
  "padding-bottom": [LENGTH],
  border: [BORDER],
  "border-left": [BORDER],
  "border-right": [BORDER],
  "border-top": [BORDER],
  "border-bottom": [BORDER],
  "border-collapse": [WORDS],
  width: [LENGTH, WORDS],
  height: [LENGTH, WORDS],
  "max-width": [LENGTH, WORDS],
  display: [WORDS],
};

const OPTIONS: sanitize.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: ATTRIBUTES,
  disallowedTagsMode: "discard",
  // Content of these is dropped with the tag (a <title> would otherwise turn into body text).
  nonTextTags: [
    "script",
    "style",
    "textarea",
    "option",
    "xmp",
    "title",
    "noscript",
    "template",
    "head",
    "button",
    "select",
  ],
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["cid", "data", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite", "background"],
  allowProtocolRelative: false,
  allowedStyles: { "*": STYLES },
  transformTags: {
    a: (tagName, attribs) => {
      const out: sanitize.Attributes = { ...attribs, rel: "noopener noreferrer" };
      if (out.href && !/^#/.test(out.href)) out.target = "_blank";
      return { tagName, attribs: out };
    },
    img: (tagName, attribs) => {
      const src = attribs.src ?? "";
      // data: only for images, never a scriptable type (data:text/html, data:image/svg+xml).
      if (/^data:/i.test(src) && !/^data:image\/(?:png|jpe?g|gif|webp|bmp);/i.test(src)) {
        const { src: _dropped, ...rest } = attribs;
        return { tagName, attribs: rest };
      }
      if (/^cid:/i.test(src)) return { tagName, attribs: { ...attribs, src: `cid:${cidOf(src)}` } };
      return { tagName, attribs };
    },
    center: () => ({ tagName: "div", attribs: { style: "text-align: center" } }),
  },
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
};

/** `cid:<Part.1@example.com>` or `cid:part%401` → the bare content id. */
export function cidOf(src: string): string {
  let id = src.replace(/^cid:/i, "").trim();
  try {
    id = decodeURIComponent(id);
  } catch {
    // A malformed escape: keep the id as written.
  }
  return id.replace(/^<|>$/g, "").trim();
}

/** Safe HTML for display (see the module comment). */
export function sanitizeEmailHtml(html: string): string {
  return sanitize(html, OPTIONS).trim();
}
