"""Renders the Jinja2 parity cases as ansible-core's template action does, for JinjaParityIT.

stdin: {"vars": {...}, "cases": [{"template": "...", "vars": {...}}, ...]}
stdout: a JSON list, per case {"out": "rendered text"} or {"error": "message"}.
"""
import json
import sys

from ansible.parsing.dataloader import DataLoader
from ansible.template import AnsibleEnvironment, Templar


def render(shared, case):
    variables = dict(shared, **case.get("vars", {}))
    templar = Templar(loader=DataLoader(), variables=variables).copy_with_new_env(
        environment_class=AnsibleEnvironment, trim_blocks=True, available_variables=variables)
    try:
        return {"out": str(templar.do_template(case["template"], preserve_trailing_newlines=True,
                                               escape_backslashes=False))}
    except Exception as e:  # the test compares that both sides fail, not the messages
        return {"error": "%s: %s" % (type(e).__name__, e)}


def main():
    request = json.load(sys.stdin)
    json.dump([render(request["vars"], case) for case in request["cases"]], sys.stdout)


main()
