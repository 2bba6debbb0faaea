"""The package documents itself: every module of tthc has examples that run as doctests (all
of them run here, so a module added later is covered without editing this file), and every
public function, class, method and property has a docstring."""
import doctest
import importlib
import inspect
import pkgutil
import unittest

import tthc


def modules():
    yield tthc
    for m in pkgutil.iter_modules(tthc.__path__):
        if m.name != "__main__":
            yield importlib.import_module("tthc." + m.name)


def public_members(mod):
    """(qualified name, object) of everything a module exports and its classes' members."""
    for name in getattr(mod, "__all__", ()):
        obj = getattr(mod, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        yield f"{mod.__name__}.{name}", obj
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if attr.startswith("_") or not (callable(member) or isinstance(
                        member, (property, staticmethod, classmethod))):
                    continue
                if isinstance(member, (staticmethod, classmethod)):
                    member = member.__func__
                yield f"{mod.__name__}.{name}.{attr}", member


class DoctestTest(unittest.TestCase):
    def test_every_module_runs_its_examples(self):
        for mod in modules():
            with self.subTest(module=mod.__name__):
                result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
                self.assertEqual(result.failed, 0, mod.__name__)
                if not mod.__name__.endswith("._lib"):
                    self.assertGreater(result.attempted, 0, f"{mod.__name__} has no examples")

    def test_every_public_name_has_a_docstring(self):
        missing = [name for mod in modules() for name, obj in public_members(mod)
                   if not (obj.__doc__ or "").strip()]
        self.assertEqual(missing, [], "public names without a docstring")


if __name__ == "__main__":
    unittest.main()
