"""Sorting a page of Drive changes against the watched tree."""

from domain.drive.changes import Tree, sort_files, sort_folders
from domain.drive.client import FOLDER, ChangePage, DriveItem

TREE = Tree("root", True, frozenset({"root", "sub"}))


def folder(item_id: str, parent: str, *, trashed: bool = False) -> DriveItem:
    return DriveItem(item_id, item_id, FOLDER, (parent,), trashed=trashed)


def file(item_id: str, parent: str, *, trashed: bool = False) -> DriveItem:
    return DriveItem(item_id, item_id, "text/plain", (parent,), trashed=trashed)


def page(*items: DriveItem, removed: tuple[str, ...] = ()) -> ChangePage:
    return ChangePage(list(items), None, "9", removed)


def test_a_folder_joins_the_tree_through_a_folder_that_joins_before_it():
    changes = page(folder("new", "root"), folder("newer", "new"), folder("x", "out"))

    result = sort_folders(TREE, changes)

    assert [f.id for f in result.joined] == ["new", "newer"]
    assert result.tree.folder_ids == {"root", "sub", "new", "newer"}
    assert result.left is False


def test_a_folder_moved_out_or_trashed_leaves_the_tree_but_the_root_never_does():
    for gone in (folder("sub", "elsewhere"), folder("sub", "root", trashed=True)):
        result = sort_folders(TREE, page(gone, folder("root", "trash")))
        assert (result.left, result.tree.folder_ids, result.joined) == (
            True,
            {"root"},
            [],
        )


def test_without_subfolders_folder_changes_change_nothing():
    tree = Tree("root", False, frozenset({"root"}))

    result = sort_folders(tree, page(folder("new", "root")))

    assert (result.tree, result.joined, result.left) == (tree, [], False)


def test_files_inside_are_imported_and_the_rest_noted_as_gone():
    changes = page(
        file("a", "sub"),
        file("b", "sub", trashed=True),
        file("c", "elsewhere"),
        folder("d", "root"),
        removed=("e",),
    )

    inside, gone = sort_files(TREE, changes)

    assert ([i.id for i in inside], gone) == (["a"], ["b", "c", "e"])
