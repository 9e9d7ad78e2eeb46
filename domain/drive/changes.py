"""What a page of `changes.list` means for a watched tree: files to import, files
that left it, folders that joined it or left it.

Drive reports a moved folder as one change of that folder, not of the files in
it, so a folder that joins the tree must be listed, and one that leaves it makes
the tree's folder ids stale (its subfolders would still count as inside).
"""

from dataclasses import dataclass, field

from domain.drive.client import ChangePage, DriveItem


@dataclass(frozen=True)
class Tree:
    """The watched folder, whether its subfolders count, and the folders inside."""

    root: str
    include_subfolders: bool
    folder_ids: frozenset[str]

    def holds(self, item: DriveItem) -> bool:
        return not item.trashed and bool(self.folder_ids.intersection(item.parents))


@dataclass
class SortedChanges:
    """`tree` is the tree after the page's folder changes; `joined` are folders new
    to it (list their contents); `left` says a folder of it moved out or was
    trashed (list the tree's folders again before trusting `tree`)."""

    tree: Tree
    joined: list[DriveItem] = field(default_factory=list)
    left: bool = False


def sort_folders(tree: Tree, page: ChangePage) -> SortedChanges:
    """Apply the page's folder changes to the tree (files are sorted after, against
    the tree these give)."""
    folders = set(tree.folder_ids)
    result = SortedChanges(tree)
    if not tree.include_subfolders:
        return result
    for item in (i for i in page.items if i.is_folder and i.id != tree.root):
        inside = not item.trashed and bool(folders.intersection(item.parents))
        if inside and item.id not in folders:
            folders.add(item.id)
            result.joined.append(item)
        elif not inside and item.id in folders:
            folders.discard(item.id)
            result.left = True
    result.tree = Tree(tree.root, tree.include_subfolders, frozenset(folders))
    return result


def sort_files(tree: Tree, page: ChangePage) -> tuple[list[DriveItem], list[str]]:
    """(files inside the tree to import, ids of files trashed, deleted or moved out
    of it)."""
    files = [i for i in page.items if not i.is_folder]
    inside = [i for i in files if tree.holds(i)]
    gone = [i.id for i in files if not tree.holds(i)]
    return inside, [*gone, *page.removed_ids]
