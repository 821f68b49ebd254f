//! XML text written through quick-xml's `Writer`, which owns escaping: attribute values (with
//! line breaks and tabs as character references, so they survive attribute normalisation on the
//! next read) and element text. Layout (line breaks, indentation) is written as it is, so each
//! format keeps the shape it has always had. BPMN export, SVG export and kept BPMN fragments all
//! write through it.

use std::borrow::Cow;

use quick_xml::escape::{escape, partial_escape};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

pub use quick_xml::events::BytesStart as Tag;

/// A start tag; attribute values are escaped as they are pushed.
pub fn tag(name: &str) -> Tag<'_> {
    BytesStart::new(name)
}

pub struct Xml {
    writer: quick_xml::Writer<Vec<u8>>,
}

impl Default for Xml {
    fn default() -> Self {
        Xml {
            writer: quick_xml::Writer::new(Vec::new()),
        }
    }
}

impl Xml {
    fn event<'e>(&mut self, event: Event<'e>) {
        // Writing to memory does not fail.
        let _ = self.writer.write_event(event);
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>`
    pub fn declaration(&mut self) {
        self.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    }

    pub fn start(&mut self, tag: Tag) {
        self.event(Event::Start(tag));
    }

    /// A self-closing element.
    pub fn empty(&mut self, tag: Tag) {
        self.event(Event::Empty(tag));
    }

    pub fn end(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// Element text: `<`, `>`, `&` and carriage returns escaped (quick-xml's `partial_escape`).
    pub fn text(&mut self, text: &str) {
        self.event(Event::Text(BytesText::from_escaped(partial_escape(text))));
    }

    /// Text for a picture or a page: `plain_chars`, then escaped as quick-xml's `BytesText::new`
    /// escapes (quotes too).
    pub fn plain_text(&mut self, text: &str) {
        self.event(Event::Text(BytesText::new(&plain_chars(text))));
    }

    /// An element holding only text.
    pub fn element(&mut self, tag: Tag, text: &str) {
        let name = tag.name().as_ref().to_string();
        self.start(tag);
        self.text(text);
        self.end(&name);
    }

    /// Markup that is already XML (a kept fragment, line breaks and indentation), as it is.
    pub fn raw(&mut self, xml: &str) {
        self.event(Event::Text(BytesText::from_escaped(xml)));
    }

    /// A comment; `text` must not hold `--`.
    pub fn comment(&mut self, text: &str) {
        self.event(Event::Comment(BytesText::from_escaped(text)));
    }

    pub fn finish(self) -> String {
        // Every event written was UTF-8 text.
        String::from_utf8(self.writer.into_inner()).unwrap_or_default()
    }
}

/// Text as XML 1.0 can hold it for a picture or a page: line breaks and tabs become spaces,
/// other control characters are left out.
pub fn plain_chars(text: &str) -> Cow<'_, str> {
    let unfit = |c: char| c < ' ' || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    if !text.chars().any(unfit) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if unfit(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Text for markup written outside `Xml` (the HTML handbook): `plain_chars`, then quick-xml's
/// `escape`.
pub fn escaped(text: &str) -> String {
    escape(plain_chars(text)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_keep_line_breaks_and_text_keeps_quotes_readable() {
        let mut out = Xml::default();
        let mut start = tag("a");
        start.push_attribute(("name", "R&D \"lab\"\nline\ttab it's <b>"));
        out.start(start);
        out.text("x < y & \"z\"\r");
        out.end("a");
        assert_eq!(
            out.finish(),
            "<a name=\"R&amp;D &quot;lab&quot;&#10;line&#9;tab it&apos;s &lt;b&gt;\">\
             x &lt; y &amp; \"z\"&#13;</a>"
        );
    }

    #[test]
    fn pictures_hold_only_characters_xml_can() {
        assert_eq!(plain_chars("a\tb\nc\u{1}d\u{FFFF}"), "a b cd");
        assert!(matches!(plain_chars("plain"), Cow::Borrowed("plain")));
        assert_eq!(escaped("Q&A 'x' <b>\n"), "Q&amp;A &apos;x&apos; &lt;b&gt; ");
        let mut out = Xml::default();
        out.plain_text("\"it's\"");
        assert_eq!(out.finish(), "&quot;it&apos;s&quot;");
    }

    #[test]
    fn kept_markup_is_written_as_it_is() {
        let mut out = Xml::default();
        out.declaration();
        out.raw("\n<x:kept a='1'>&amp;</x:kept>");
        out.comment(" note ");
        out.empty(tag("e"));
        assert_eq!(
            out.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<x:kept a='1'>&amp;</x:kept><!-- note --><e/>"
        );
    }
}
