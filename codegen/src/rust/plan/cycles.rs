//! Which items lie on a common containment cycle: the strongly connected components of the
//! graph "item A holds an item B by value" (Tarjan's algorithm, without recursion), computed
//! once for the whole plan so that each field's "does its type lead back here?" is a lookup.

use std::collections::HashMap;

/// The strongly connected components of a directed graph over item names.
pub(super) struct Cycles<'n> {
    component: HashMap<&'n str, usize>,
}

impl<'n> Cycles<'n> {
    /// The components of the graph whose edges are `edges` (from, to).
    pub(super) fn new(edges: impl IntoIterator<Item = (&'n str, &'n str)>) -> Self {
        let mut index: HashMap<&'n str, usize> = HashMap::new();
        let mut adjacency: Vec<Vec<usize>> = Vec::new();
        let mut node = |name: &'n str, adjacency: &mut Vec<Vec<usize>>| -> usize {
            *index.entry(name).or_insert_with(|| {
                adjacency.push(Vec::new());
                adjacency.len() - 1
            })
        };
        let mut names: Vec<&'n str> = Vec::new();
        for (from, to) in edges {
            let f = node(from, &mut adjacency);
            let t = node(to, &mut adjacency);
            for (name, i) in [(from, f), (to, t)] {
                if i == names.len() {
                    names.push(name);
                }
            }
            adjacency[f].push(t);
        }
        let components = tarjan(&adjacency);
        Cycles {
            component: names.into_iter().zip(components).collect(),
        }
    }

    /// True when `to` leads back to `from` given an edge from `from` to `to`: both are the same
    /// item, or lie in one component.
    pub(super) fn closes_cycle(&self, from: &str, to: &str) -> bool {
        from == to
            || matches!(
                (self.component.get(from), self.component.get(to)),
                (Some(a), Some(b)) if a == b
            )
    }
}

/// The component of each node of `adjacency` (Tarjan's algorithm with an explicit stack).
fn tarjan(adjacency: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let count = adjacency.len();
    let mut order = vec![UNVISITED; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNVISITED; count];
    let mut stack: Vec<usize> = Vec::new();
    let mut next_order = 0;
    let mut next_component = 0;
    // (node, index of the next edge to follow)
    let mut work: Vec<(usize, usize)> = Vec::new();
    for root in 0..count {
        if order[root] != UNVISITED {
            continue;
        }
        work.push((root, 0));
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && order[node] == UNVISITED {
                order[node] = next_order;
                low[node] = next_order;
                next_order += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&target) = adjacency[node].get(*edge) {
                *edge += 1;
                if order[target] == UNVISITED {
                    work.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(order[target]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_are_found_and_acyclic_edges_are_not() {
        let cycles = Cycles::new([
            ("A", "B"),
            ("B", "C"),
            ("C", "A"),
            ("C", "D"),
            ("D", "E"),
            ("E", "E"),
            ("F", "A"),
        ]);
        assert!(cycles.closes_cycle("A", "B"));
        assert!(cycles.closes_cycle("C", "A"));
        assert!(!cycles.closes_cycle("C", "D"));
        assert!(!cycles.closes_cycle("D", "E"));
        assert!(cycles.closes_cycle("E", "E"));
        assert!(!cycles.closes_cycle("F", "A"));
        assert!(cycles.closes_cycle("X", "X"));
        assert!(!cycles.closes_cycle("X", "Y"));
    }

    #[test]
    fn a_long_chain_needs_no_deep_recursion() {
        let names: Vec<String> = (0..100_000).map(|i| format!("T{i}")).collect();
        let mut edges: Vec<(&str, &str)> = names.windows(2).map(|w| (&*w[0], &*w[1])).collect();
        edges.push((&names[names.len() - 1], &names[0]));
        let cycles = Cycles::new(edges);
        assert!(cycles.closes_cycle("T5", "T6"));
        assert!(cycles.closes_cycle("T99999", "T0"));
    }
}
