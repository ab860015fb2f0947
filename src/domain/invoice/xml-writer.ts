/** A tiny XML tree: enough to write UBL without a dependency. Text and attributes are escaped. */
export interface XmlNode {
  name: string;
  attrs?: Record<string, string>;
  children?: XmlNode[];
  text?: string;
}

/** Builds an element; null/undefined children are dropped so optional parts read naturally. */
export function el(name: string, attrsOrChildren?: Record<string, string> | (XmlNode | null | undefined | false)[] | string, maybe?: (XmlNode | null | undefined | false)[] | string): XmlNode {
  let attrs: Record<string, string> | undefined;
  let body: (XmlNode | null | undefined | false)[] | string | undefined;
  if (Array.isArray(attrsOrChildren) || typeof attrsOrChildren === 'string') body = attrsOrChildren;
  else {
    attrs = attrsOrChildren;
    body = maybe;
  }
  if (typeof body === 'string') return { name, attrs, text: body };
  return { name, attrs, children: (body ?? []).filter((c): c is XmlNode => !!c) };
}

/** True for characters XML 1.0 forbids (C0 controls other than tab, LF, CR; U+FFFE; U+FFFF). */
function isForbiddenXmlChar(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff;
}

/** Escapes text for element content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(s: string): string {
  let needs = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // & < > " '
    if (c === 0x26 || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x27 || isForbiddenXmlChar(c)) {
      needs = true;
      break;
    }
  }
  if (!needs) return s; // fast path: amounts, codes and dates
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (isForbiddenXmlChar(c)) continue;
    out += c === 0x26 ? '&amp;' : c === 0x3c ? '&lt;' : c === 0x3e ? '&gt;' : c === 0x22 ? '&quot;' : c === 0x27 ? '&apos;' : ch;
  }
  return out;
}

/** Serialises with two-space indentation and an XML declaration. */
export function serializeXml(root: XmlNode): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const walk = (n: XmlNode, depth: number): void => {
    const pad = '  '.repeat(depth);
    const attrs = Object.entries(n.attrs ?? {}).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
    if (n.text !== undefined) out.push(`${pad}<${n.name}${attrs}>${escapeXml(n.text)}</${n.name}>`);
    else if (!n.children || n.children.length === 0) out.push(`${pad}<${n.name}${attrs}/>`);
    else {
      out.push(`${pad}<${n.name}${attrs}>`);
      for (const c of n.children) walk(c, depth + 1);
      out.push(`${pad}</${n.name}>`);
    }
  };
  walk(root, 0);
  return `${out.join('\n')}\n`;
}
