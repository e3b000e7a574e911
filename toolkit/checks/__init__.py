"""Checks: one small unit per problem, each with a stable id, a severity and a description.

Every family declares its checks with :func:`toolkit.checks.registry.check`;
``toolkit checks`` and the SARIF rules list them from :data:`REGISTRY`, and
:mod:`toolkit.checks.runner` runs them.  Every family reports through the
one :class:`~toolkit.findings.Finding`.
"""

from __future__ import annotations

from .registry import REGISTRY, Check, check

__all__ = ["REGISTRY", "Check", "check"]
