//! "Tidy up" as an edit: one command, one patch, one undo entry that puts every box, lane height
//! and bend point back; refused when the layout names something the process does not have.

mod support;

use flowlane::arrange::arrange;
use flowlane::canonical;
use flowlane::edit::{apply, execute, invert, Command, EditError};
use flowlane::session::Session;
use uuid::Uuid;

fn scrambled() -> flowlane::model::Process {
    let (mut p, _) = support::build(
        "S:start -> G:xor -> A:task -> J:xor -> E:end
         G -> B:task -> J
         J -> G",
    );
    // A bend the tidy-up drops, and nodes out of place.
    let first = p.flows[0].id;
    p.layout
        .flows
        .insert(first, vec![flowlane::model::Point { x: 5.0, y: 500.0 }]);
    for (i, b) in p.layout.nodes.values_mut().enumerate() {
        b.y += (i % 3) as f64 * 30.0;
    }
    p
}

#[test]
fn tidy_up_is_one_patch_that_undoes_exactly() {
    let p = scrambled();
    let layout = arrange(&p);
    let patch = execute(
        &p,
        Command::Arrange {
            layout: layout.clone(),
        },
    )
    .expect("a patch");
    let tidy = apply(&p, &patch).expect("applies");
    assert_eq!(tidy.layout.nodes, layout.nodes);
    assert_eq!(tidy.layout.flows, layout.flows);
    assert_eq!(tidy.nodes, p.nodes, "only the layout changes");
    let back = apply(&tidy, &invert(&patch)).expect("undoes");
    assert_eq!(canonical::to_bytes(&back), canonical::to_bytes(&p));
    // Tidying a tidy process changes nothing.
    let again = execute(&tidy, Command::Arrange { layout }).expect("a patch");
    assert!(again.changes.is_empty());
}

#[test]
fn tidy_up_undoes_and_redoes_as_one_step_in_a_session() {
    let p = scrambled();
    let mut session = Session::new(p.clone(), Some(1));
    let layout = arrange(&p);
    session
        .execute(Command::Arrange {
            layout: layout.clone(),
        })
        .expect("tidied");
    let tidy = session.process().clone();
    session.undo().expect("undone");
    assert_eq!(session.process(), &p);
    session.redo().expect("redone");
    assert_eq!(session.process(), &tidy);
    assert_eq!(session.process().layout.nodes, layout.nodes);
}

#[test]
fn a_layout_for_another_process_is_refused() {
    let p = scrambled();
    let mut layout = arrange(&p);
    let stranger = Uuid::from_u128(0xBAD);
    layout
        .nodes
        .insert(stranger, flowlane::model::Bounds::new(0.0, 0.0, 10.0, 10.0));
    assert_eq!(
        execute(&p, Command::Arrange { layout }),
        Err(EditError::UnknownNode(stranger))
    );
}
