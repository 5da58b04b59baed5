// Departments and pages form trees by their parent; both are listed and pruned the same way.

/** How to read a tree: each item's key, its parent's key (null at the top) and the order of siblings. */
const DEPARTMENTS = { key: (d) => d.id, parent: (d) => d.parentId ?? null, compare: (a, b) => a.sortOrder - b.sortOrder || a.id - b.id };
const PAGES = {
  key: (p) => p.menuId,
  parent: (p) => p.parentId ?? null,
  compare: (a, b) => a.sortOrder - b.sortOrder || a.menuId.localeCompare(b.menuId),
};

/**
 * The items in tree order, each with its depth: [{item, depth}]. Items whose parent is missing
 * (or that sit in a loop) still show, at the top level.
 */
function treeOrder(items, { key, parent, compare }) {
  const children = new Map();
  for (const item of items) {
    const up = parent(item);
    if (!children.has(up)) children.set(up, []);
    children.get(up).push(item);
  }
  const out = [];
  const seen = new Set();
  const walk = (up, depth) => {
    for (const item of (children.get(up) ?? []).sort(compare)) {
      if (seen.has(key(item))) continue;
      seen.add(key(item));
      out.push({ item, depth });
      walk(key(item), depth + 1);
    }
  };
  walk(null, 0);
  for (const item of items) if (!seen.has(key(item))) out.push({ item, depth: 0 });
  return out;
}

/** The keys of the item `top` and of everything below it: where it may not move. */
function subtree(items, top, { key, parent }) {
  const found = new Set([top]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const item of items) {
      if (parent(item) !== null && found.has(parent(item)) && !found.has(key(item))) {
        found.add(key(item));
        grew = true;
      }
    }
  }
  return found;
}

export const departmentTree = (departments) => treeOrder(departments, DEPARTMENTS);
export const departmentSubtree = (departments, id) => subtree(departments, id, DEPARTMENTS);
export const pageTree = (pages) => treeOrder(pages, PAGES);
export const pageSubtree = (pages, menuId) => subtree(pages, menuId, PAGES);
