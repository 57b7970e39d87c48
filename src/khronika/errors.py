"""Exceptions, each with a stable code documented in ``docs/errors.md``.

::

    KhronikaError
    ├── InputError            (.path, .record, .stage)
    │   ├── EncodingError         K101
    │   ├── TruncatedInput        K102
    │   ├── TooLarge              K103
    │   ├── NotHTML               K104
    │   ├── EmptyInput            K105
    │   ├── BadRecord             K106
    │   ├── UnsupportedLanguage   K107
    │   ├── HostileMarkup         K108
    │   ├── DocumentFailed        K109
    │   ├── LinkOutside           K110
    │   └── ManyRejected          K111
    ├── ConfigError               K201
    ├── StoreError                K301
    │   ├── SchemaTooNew          K302
    │   ├── MigrationFailed       K303
    │   ├── ConflictError         K304
    │   └── NotFoundError         K305
    ├── GazetteerMissing          K401
    ├── ContractViolation         K501
    ├── PartitionFailed           K601
    ├── OutputRefused             K701
    └── AccountError              K702

The library raises; shells (CLI, web) convert once at their boundary.
"""

from __future__ import annotations


class KhronikaError(Exception):
    code = "K000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(KhronikaError):
    code = "K100"

    def __init__(
        self, message: str, *, path: str = "", record: str | None = None, stage: str = "read"
    ) -> None:
        super().__init__(message)
        self.path = path
        self.record = record
        self.stage = stage

    def __str__(self) -> str:
        where = self.path + (f"#{self.record}" if self.record else "")
        return f"{where}: [{self.code}] {self.message}" if where else super().__str__()


class EncodingError(InputError):
    code = "K101"


class TruncatedInput(InputError):
    code = "K102"


class TooLarge(InputError):
    code = "K103"


class NotHTML(InputError):
    code = "K104"


class EmptyInput(InputError):
    code = "K105"


class BadRecord(InputError):
    code = "K106"


class UnsupportedLanguage(InputError):
    code = "K107"


class HostileMarkup(InputError):
    code = "K108"


class DocumentFailed(InputError):
    """An unexpected exception in one document's processing (any stage): that document is
    rejected with the exception named, and the run goes on with the others."""

    code = "K109"

    @classmethod
    def of(cls, exc: BaseException, *, path: str, record: str | None, stage: str
           ) -> DocumentFailed:
        reason = f"{type(exc).__name__}: {exc}".replace("\n", " ")[:300]
        return cls(f"{stage} failed on this document ({reason})", path=path, record=record,
                   stage=stage)


class LinkOutside(InputError):
    """A symbolic link inside an input folder that leads out of it: not followed."""

    code = "K110"


class ManyRejected(InputError):
    """The rejections of one archive past the first few, counted in one line."""

    code = "K111"


class ConfigError(KhronikaError):
    code = "K201"


class StoreError(KhronikaError):
    code = "K301"


class SchemaTooNew(StoreError):
    code = "K302"


class MigrationFailed(StoreError):
    code = "K303"


class ConflictError(StoreError):
    """A review was based on a claim version that someone else has replaced meanwhile."""

    code = "K304"

    def __init__(self, message: str, *, claim_id: str, expected: int, actual: int) -> None:
        super().__init__(message)
        self.claim_id = claim_id
        self.expected = expected
        self.actual = actual


class NotFoundError(StoreError):
    """The claim, user or document a write refers to is not stored."""

    code = "K305"


class GazetteerMissing(KhronikaError):
    code = "K401"


class ContractViolation(KhronikaError):
    code = "K501"


class PartitionFailed(KhronikaError):
    """A partition failed twice on the cluster; each of its documents is rejected."""

    code = "K601"


class OutputRefused(KhronikaError):
    """An output path that is not a regular file in an existing folder (a symlink, a
    device, a directory), or that cannot be written."""

    code = "K701"


class AccountError(KhronikaError):
    """A username, password or role the team server refuses (weak password, unknown user,
    removing the last admin)."""

    code = "K702"
