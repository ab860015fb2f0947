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

/** Escapes text for element content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(s: string): string {
  // Fast path: most values (amounts, codes, dates) need no escaping.
  // eslint-disable-next-line no-control-regex
  if (!/[&<>"'\u0000-\u001F\uFFFE\uFFFF]/.test(s)) return s;
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
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
