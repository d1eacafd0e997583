"""argparse in Chinese then English, like every other message of the command line (issue 13).

argparse builds its messages from English templates; `error()` receives them formatted.
`chinese()` matches the templates argparse uses (Python 3.11–3.13) and says the same in
Chinese; anything it does not know is still shown, after a Chinese lead-in. The usage line,
the section titles and -h's own help are bilingual too.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

TYPE_WORDS = {"fromisoformat": "日期，格式 YYYY-MM-DD", "int": "整数", "float": "数字",
              "Path": "文件路径"}

ARG_WORDS = {"command": "命令", "action": "子命令"}  # dest names of the sub-command choices

_TEMPLATES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the following arguments are required: (?P<a>.+)"), "缺少必填参数：{a}"),
    (re.compile(r"argument (?P<a>.+?): invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)"),
     "参数 {a} 的值 {v} 无效，可选：{c}"),
    (re.compile(r"argument (?P<a>.+?): invalid (?P<t>\S+) value: (?P<v>.+)"),
     "参数 {a} 的值 {v} 格式不对（应为{t}）"),
    (re.compile(r"argument (?P<a>.+?): expected one argument"), "参数 {a} 后面需要一个值"),
    (re.compile(r"argument (?P<a>.+?): expected at least one argument"),
     "参数 {a} 后面至少需要一个值"),
    (re.compile(r"argument (?P<a>.+?): expected (?P<n>\d+) arguments?"),
     "参数 {a} 后面需要 {n} 个值"),
    (re.compile(r"argument (?P<a>.+?): not allowed with argument (?P<b>.+)"),
     "参数 {a} 不能与 {b} 同时使用"),
    (re.compile(r"argument (?P<a>.+?): ignored explicit argument (?P<v>.+)"),
     "参数 {a} 不接受值 {v}"),
    (re.compile(r"one of the arguments (?P<a>.+) is required"), "以下参数须给出其中一个：{a}"),
    (re.compile(r"unrecognized arguments: (?P<a>.+)"), "无法识别的参数：{a}"),
    (re.compile(r"ambiguous option: (?P<a>\S+) could match (?P<b>.+)"),
     "选项 {a} 不明确，可能是：{b}"),
]


def chinese(message: str) -> str:
    """argparse's English message said in Chinese (values and names kept as typed)."""
    for pattern, zh in _TEMPLATES:
        m = pattern.fullmatch(message.strip())
        if m:
            parts = m.groupdict()
            if parts.get("a") in ARG_WORDS:
                parts["a"] = ARG_WORDS[parts["a"]]
            if "t" in parts:
                parts["t"] = TYPE_WORDS.get(parts["t"], parts["t"])
            return zh.format(**parts)
    return f"命令行参数有误：{message}"


class BilingualHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups,
                          "用法 / usage: " if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """The CLI's parser (and, through `parser_class`, every sub-command's)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", BilingualHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "位置参数 / positional arguments"
        self._optionals.title = "选项 / options"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="显示帮助后退出 / show this help and exit")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{chinese(message)}\nError: {message}\n")
