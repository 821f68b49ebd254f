//! The fields the field table stores as attributes in Flowlane's namespace, read back from an
//! element (see `crate::fields::Bpmn`).

use roxmltree::Node as XmlNode;

use crate::bpmn::names::FLOWLANE;
use crate::bpmn::ImportError;
use crate::fields::{own_attributes, FieldDef};

/// Sets each field of `item` that `table` stores as a `flowlane:` attribute from `xml`.
pub(super) fn read_own<T>(
    xml: XmlNode,
    table: &[FieldDef<T>],
    item: &mut T,
) -> Result<(), ImportError> {
    read(
        xml,
        table,
        item,
        |name| xml.attribute((FLOWLANE, name)),
        "flowlane:",
    )
}

/// Sets each such field from the plain attributes of Flowlane's own element `xml`, e.g. a
/// `<flowlane:variable>`.
pub(super) fn read_plain<T>(
    xml: XmlNode,
    table: &[FieldDef<T>],
    item: &mut T,
) -> Result<(), ImportError> {
    let what = format!("{} ", xml.tag_name().name());
    read(xml, table, item, |name| xml.attribute(name), &what)
}

fn read<'a, T>(
    xml: XmlNode<'a, '_>,
    table: &[FieldDef<T>],
    item: &mut T,
    attribute: impl Fn(&str) -> Option<&'a str>,
    prefix: &str,
) -> Result<(), ImportError> {
    for own in own_attributes(table) {
        (own.read)(item, attribute(own.name)).map_err(|why| {
            ImportError::new("bad-value", format!("{prefix}{}: {why}", own.name)).at(xml)
        })?;
    }
    Ok(())
}
