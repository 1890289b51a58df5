//! Which type items the services of one generation share: the planner plans each WSDL on its
//! own, and an item (struct, enum, alias) that several plans hold under the same Rust name with
//! the same definition (documentation aside) is emitted once, in the shared module, provided
//! every item it refers to is shared with the same services too.

use std::collections::{BTreeMap, BTreeSet};

use crate::rust::plan::{
    ChoicePlan, DictionaryPlan, EnumPlan, FlagsPlan, ListPlan, PolymorphicPlan, Shape, StructPlan,
    TypePlan,
};

/// One type item of a plan.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Struct(StructPlan),
    Enum(EnumPlan),
    Flags(FlagsPlan),
    List(ListPlan),
    Dictionary(Box<DictionaryPlan>),
    Choice(ChoicePlan),
    Polymorphic(PolymorphicPlan),
}

/// What the services share.
#[derive(Debug, Default)]
pub struct Shared {
    /// The shared items (each as the first service that holds it plans it, documentation
    /// included); no namespace table.
    pub types: TypePlan,
    /// For each service, the names of the shared items its plan holds (and re-exports).
    pub imported: Vec<BTreeSet<String>>,
}

/// Decides which items of `plans` are shared; `own` lists, per plan, the names of items that
/// stay in the service's module whatever they look like (its header structs, which its client
/// and server name).
pub fn share(plans: &[&TypePlan], own: &[Vec<String>]) -> Shared {
    let items: Vec<BTreeMap<String, Item>> = plans
        .iter()
        .zip(own)
        .map(|(plan, own)| {
            let mut items = items_of(plan);
            items.retain(|name, _| !own.contains(name));
            items
        })
        .collect();
    let mut groups = candidate_groups(&items);
    // An item stays shared by a service only while everything it refers to is shared by that
    // service too; removing one may end the sharing of items that refer to it.
    loop {
        let mut changed = false;
        let snapshot = groups.clone();
        for (name, group) in &mut groups {
            group.retain(|&service| {
                let keep = items[service].get(name).is_some_and(|item| {
                    // Names that are no item of the plan are the runtime's (a flag set of a
                    // built-in type).
                    dependencies(item)
                        .iter()
                        .filter(|dep| items[service].contains_key(*dep))
                        .all(|dep| snapshot.get(dep).is_some_and(|g| g.contains(&service)))
                });
                changed |= !keep;
                keep
            });
        }
        let before = groups.len();
        groups.retain(|_, group| group.len() > 1);
        changed |= groups.len() != before;
        if !changed {
            break;
        }
    }
    let mut shared = Shared {
        types: TypePlan::default(),
        imported: vec![BTreeSet::new(); plans.len()],
    };
    for (name, group) in &groups {
        let Some(first) = group.first() else { continue };
        let Some(item) = items[*first].get(name) else {
            continue;
        };
        insert(&mut shared.types, name, item.clone());
        for service in group {
            shared.imported[*service].insert(name.clone());
        }
    }
    shared
}

/// For each item name held by two or more services with the same definition (documentation
/// aside), those services: the largest set of services holding equal items (the earliest when
/// two sets are as large). The others keep their own item of that name.
fn candidate_groups(items: &[BTreeMap<String, Item>]) -> BTreeMap<String, BTreeSet<usize>> {
    let names: BTreeSet<&String> = items.iter().flat_map(|service| service.keys()).collect();
    let mut groups = BTreeMap::new();
    for name in names {
        // Services holding `name`, in classes of equal items, in order of first appearance.
        let mut classes: Vec<(Item, BTreeSet<usize>)> = Vec::new();
        for (service, service_items) in items.iter().enumerate() {
            let Some(item) = service_items.get(name) else {
                continue;
            };
            let item = undocumented(item);
            match classes.iter_mut().find(|(known, _)| *known == item) {
                Some((_, members)) => {
                    members.insert(service);
                }
                None => classes.push((item, BTreeSet::from([service]))),
            }
        }
        let largest = classes
            .into_iter()
            .rev()
            .max_by_key(|(_, members)| members.len());
        if let Some((_, members)) = largest.filter(|(_, members)| members.len() > 1) {
            groups.insert(name.clone(), members);
        }
    }
    groups
}

/// Every type item of `plan`, by Rust name.
fn items_of(plan: &TypePlan) -> BTreeMap<String, Item> {
    let mut items = BTreeMap::new();
    for (name, item) in &plan.structs {
        items.insert(name.clone(), Item::Struct(item.clone()));
    }
    for (name, item) in &plan.enums {
        items.insert(name.clone(), Item::Enum(item.clone()));
    }
    for (name, item) in &plan.flags {
        items.insert(name.clone(), Item::Flags(item.clone()));
    }
    for (name, item) in &plan.lists {
        items.insert(name.clone(), Item::List(item.clone()));
    }
    for (name, item) in &plan.dictionaries {
        items.insert(name.clone(), Item::Dictionary(Box::new(item.clone())));
    }
    for (name, item) in &plan.choices {
        items.insert(name.clone(), Item::Choice(item.clone()));
    }
    for (name, item) in &plan.polymorphic {
        items.insert(name.clone(), Item::Polymorphic(item.clone()));
    }
    items
}

fn insert(plan: &mut TypePlan, name: &str, item: Item) {
    let name = name.to_string();
    match item {
        Item::Struct(item) => {
            plan.structs.insert(name, item);
        }
        Item::Enum(item) => {
            plan.enums.insert(name, item);
        }
        Item::Flags(item) => {
            plan.flags.insert(name, item);
        }
        Item::List(item) => {
            plan.lists.insert(name, item);
        }
        Item::Dictionary(item) => {
            plan.dictionaries.insert(name, *item);
        }
        Item::Choice(item) => {
            plan.choices.insert(name, item);
        }
        Item::Polymorphic(item) => {
            plan.polymorphic.insert(name, item);
        }
    }
}

/// The item without the schema's documentation.
fn undocumented(item: &Item) -> Item {
    let mut item = item.clone();
    match &mut item {
        Item::Struct(plan) => {
            plan.doc = None;
            for field in &mut plan.fields {
                field.doc = None;
            }
        }
        Item::Enum(plan) => {
            plan.doc = None;
            plan.variant_docs.iter_mut().for_each(|doc| *doc = None);
        }
        Item::Flags(plan) => plan.doc = None,
        Item::List(plan) => plan.doc = None,
        Item::Dictionary(_) => {}
        Item::Choice(plan) => {
            for alternative in &mut plan.alternatives {
                alternative.doc = None;
            }
        }
        Item::Polymorphic(plan) => plan.doc = None,
    }
    item
}

/// The names of the generated items `item` refers to.
fn dependencies(item: &Item) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    match item {
        Item::Struct(plan) => {
            for field in &plan.fields {
                shape_names(&field.shape, &mut names);
            }
        }
        // A list's items are of a built-in type.
        Item::Enum(_) | Item::List(_) => {}
        Item::Flags(plan) => {
            names.insert(plan.item.clone());
        }
        Item::Dictionary(plan) => {
            shape_names(&plan.keys, &mut names);
            shape_names(&plan.values, &mut names);
        }
        Item::Choice(plan) => {
            for alternative in &plan.alternatives {
                shape_names(&alternative.shape, &mut names);
            }
        }
        Item::Polymorphic(plan) => {
            names.extend(plan.variants.iter().map(|v| v.struct_name.clone()));
        }
    }
    names
}

/// The generated items a value of `shape` names, into `out`.
fn shape_names(shape: &Shape, out: &mut BTreeSet<String>) {
    match shape {
        Shape::Builtin(_) => {}
        Shape::Struct(name)
        | Shape::Enum(name)
        | Shape::Flags(name)
        | Shape::List(name)
        | Shape::Polymorphic(name)
        | Shape::Choice(name) => {
            out.insert(name.clone());
        }
        Shape::Array { items, .. } | Shape::SoapArray { items, .. } => shape_names(items, out),
        Shape::Dictionary {
            alias,
            keys,
            values,
            ..
        } => {
            out.insert(alias.clone());
            shape_names(keys, out);
            shape_names(values, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QName;
    use crate::rust::plan::{FieldKind, FieldPlan, StructSource};

    /// A struct `name` with one element field `field` of `shape`.
    fn with_struct(plan: &mut TypePlan, name: &str, field: &str, shape: Shape) {
        plan.structs.insert(
            name.to_string(),
            StructPlan {
                name: name.to_string(),
                source: StructSource::Type(QName::new("urn:t", name)),
                bases: Vec::new(),
                fields: vec![FieldPlan::new(
                    field.to_string(),
                    QName::new("urn:t", field),
                    shape,
                    FieldKind::Element,
                )],
                simple_content: false,
                doc: Some(format!("{name}, documented in {field}")),
            },
        );
    }

    #[test]
    fn an_item_is_shared_only_with_everything_it_refers_to() {
        let (mut a, mut b) = (TypePlan::default(), TypePlan::default());
        for plan in [&mut a, &mut b] {
            with_struct(plan, "Outer", "inner", Shape::Struct("Inner".into()));
            with_struct(plan, "Same", "text", Shape::Builtin("String"));
        }
        with_struct(&mut a, "Inner", "count", Shape::Builtin("i32"));
        with_struct(&mut b, "Inner", "count", Shape::Builtin("i64"));
        let shared = share(&[&a, &b], &[vec![], vec![]]);
        let names: Vec<&String> = shared.types.structs.keys().collect();
        assert_eq!(names, ["Same"]);
        assert_eq!(shared.imported[0], BTreeSet::from(["Same".to_string()]));
        assert_eq!(shared.imported[1], BTreeSet::from(["Same".to_string()]));
    }

    #[test]
    fn the_largest_set_of_equal_items_shares_and_the_first_words_are_kept() {
        let mut plans = [
            TypePlan::default(),
            TypePlan::default(),
            TypePlan::default(),
        ];
        with_struct(&mut plans[0], "Item", "count", Shape::Builtin("i64"));
        with_struct(&mut plans[1], "Item", "count", Shape::Builtin("i32"));
        with_struct(&mut plans[2], "Item", "count", Shape::Builtin("i32"));
        if let Some(item) = plans[2].structs.get_mut("Item") {
            item.doc = Some("Other words.".into());
        }
        with_struct(&mut plans[1], "Headers", "a", Shape::Builtin("i32"));
        with_struct(&mut plans[2], "Headers", "a", Shape::Builtin("i32"));
        let own = vec![vec!["Headers".to_string()]; 3];
        let shared = share(&[&plans[0], &plans[1], &plans[2]], &own);
        assert!(shared.imported[0].is_empty());
        assert_eq!(shared.imported[1], BTreeSet::from(["Item".to_string()]));
        assert_eq!(shared.imported[2], BTreeSet::from(["Item".to_string()]));
        let item = &shared.types.structs["Item"];
        assert_eq!(item.doc.as_deref(), Some("Item, documented in count"));
        assert!(!shared.types.structs.contains_key("Headers"));
    }
}
