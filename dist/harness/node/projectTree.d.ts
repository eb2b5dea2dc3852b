/** One instance: class, name, script source path (relative to the project root) and children. */
export interface TreeNode {
    c: string;
    n: string;
    s?: string;
    ch?: TreeNode[];
}
/** Reads a Rojo project file and returns its instance tree (paths relative to `root`). */
export declare function buildProjectTree(projectFile: string, root: string): TreeNode;
/** The tree as a Luau chunk that returns it as nested tables. */
export declare function treeToLuau(node: TreeNode): string;
