"""Type information ships with the package: a py.typed marker and a .pyi stub beside every
module, and the stubs agree with the code — every public name is in its module's stub, every
function and method has the same parameters, every named tuple the same fields."""
import ast
import importlib
import inspect
import pathlib
import pkgutil
import unittest

import tthc

PKG = pathlib.Path(tthc.__file__).parent


def stub_tree(name):
    path = PKG / ("__init__.pyi" if name == "tthc" else name.split(".")[-1] + ".pyi")
    return path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def defined(body):
    """name -> list of AST nodes defining it at this level."""
    out = {}
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            out.setdefault(node.name, []).append(node)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out.setdefault(node.target.id, []).append(node)
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    out.setdefault(t.id, []).append(node)
        elif isinstance(node, ast.ImportFrom):
            for a in node.names:
                if a.asname == a.name:  # explicit re-export
                    out.setdefault(a.name, []).append(node)
    return out


def params(fn):
    a = fn.args
    names = [x.arg for x in a.posonlyargs + a.args]
    names += ["*" + a.vararg.arg] if a.vararg else []
    names += [x.arg for x in a.kwonlyargs]
    names += ["**" + a.kwarg.arg] if a.kwarg else []
    return names


def runtime_params(obj):
    out = []
    for p in inspect.signature(obj).parameters.values():
        prefix = {p.VAR_POSITIONAL: "*", p.VAR_KEYWORD: "**"}.get(p.kind, "")
        out.append(prefix + p.name)
    return out


def public_names(mod):
    if hasattr(mod, "__all__"):
        return list(mod.__all__)
    # the package: its functions, classes and constants (each submodule has its own stub; which
    # submodules are attributes depends on what was imported before)
    return [n for n, v in vars(mod).items() if not n.startswith("_") and not inspect.ismodule(v)]


def modules():
    yield tthc
    for m in pkgutil.iter_modules(tthc.__path__):
        if m.name != "__main__":
            yield importlib.import_module("tthc." + m.name)


class TypingTest(unittest.TestCase):
    def test_py_typed_marker(self):
        self.assertTrue((PKG / "py.typed").is_file())

    def check_function(self, where, obj, nodes):
        fns = [n for n in nodes if isinstance(n, ast.FunctionDef)]
        self.assertTrue(fns, f"{where} is not a function in the stub")
        want = runtime_params(obj)
        if len(fns) > 1:  # @overload: each variant has the same parameter names
            for fn in fns:
                self.assertEqual(sorted(params(fn)), sorted(want), where)
        else:
            self.assertEqual(params(fns[0]), want, where)

    def check_class(self, where, cls, node):
        self.assertIsInstance(node, ast.ClassDef, f"{where} is not a class in the stub")
        members, local_bases = defined(node.body), True
        for base in node.bases:  # members a stub base class declares count too
            found = [other for other in ast.walk(self.tree) if isinstance(base, ast.Name)
                     and isinstance(other, ast.ClassDef) and other.name == base.id]
            for other in found:
                for k, v in defined(other.body).items():
                    members.setdefault(k, v)
            if not found and not (isinstance(base, ast.Name) and base.id == "NamedTuple"):
                local_bases = False  # imported from another stub, checked there
        if hasattr(cls, "_fields") and local_bases:
            fields = [k for k, v in members.items() if isinstance(v[0], ast.AnnAssign)]
            for f in cls._fields:
                self.assertIn(f, members, f"{where}: field {f} missing from the stub")
            if fields and not any(isinstance(b, ast.Name) and b.id.startswith("_")
                                  for b in node.bases):
                self.assertEqual(fields, list(cls._fields), where)
        for attr, member in vars(cls).items():
            if attr.startswith("_") and attr not in ("__init__", "__len__", "__iter__",
                                                     "__getitem__", "__setitem__",
                                                     "__contains__"):
                continue
            if not (inspect.isfunction(member)
                    or isinstance(member, (property, classmethod, staticmethod))):
                continue  # data: ctypes fields, constants
            self.assertIn(attr, members, f"{where}.{attr} missing from the stub")
            if isinstance(member, (classmethod, staticmethod)):
                member = member.__func__
            if inspect.isfunction(member) and not (hasattr(cls, "_fields") and attr == "__new__"):
                self.check_function(f"{where}.{attr}", member, members[attr])

    def test_stubs_match_the_code(self):
        for mod in modules():
            with self.subTest(module=mod.__name__):
                path, self.tree = stub_tree(mod.__name__)
                top = defined(self.tree.body)
                for name in public_names(mod):
                    where = f"{mod.__name__}.{name}"
                    self.assertIn(name, top, f"{where} missing from {path.name}")
                    obj, nodes = getattr(mod, name), top[name]
                    if isinstance(nodes[0], ast.ImportFrom):
                        continue  # re-exported: checked in its own module
                    if inspect.isclass(obj):
                        self.check_class(where, obj, nodes[0])
                    elif inspect.isfunction(getattr(obj, "__wrapped__", obj)):
                        self.check_function(where, obj, nodes)


if __name__ == "__main__":
    unittest.main()
