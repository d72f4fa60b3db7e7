"""Every write of the archive: record files and file lists (`files`), transfers (`transfers`),
sources that must transfer (`sources`), the reading room (`reading`),
appraisal and disposal (`appraisal`)."""

from archive.services.appraisal import (  # noqa: F401
    appraisal_approved,
    appraisal_before_decide,
    appraisal_before_submit,
    appraisal_create,
    appraisal_destroy,
    appraisal_step_passed,
    council_decision_record,
    council_member_add,
    destruction_confirm,
    opinion_record,
    quorum_missing,
)
from archive.services.description import description_save  # noqa: F401, E402
from archive.services.files import (  # noqa: F401
    file_close,
    file_list_before_submit,
    file_list_create,
    file_list_entry_add,
    file_open,
    file_set_retention,
    file_update,
    item_add_paper,
    item_add_registered,
    item_remove,
)
from archive.services.fixity import (  # noqa: F401, E402
    backfill_checksums,
    check_fixity,
    record_checksum,
)
from archive.services.reading import (  # noqa: F401
    copy_issue,
    file_declassify,
    on_approved,
    on_grant_ended,
    on_returned,
    reading_record,
    reading_request_create,
    researcher_register,
)
from archive.services.sources import (  # noqa: F401
    source_create,
    source_list_add,
    source_receipt_record,
)
from archive.services.transfers import (  # noqa: F401
    file_set_custody,
    transfer_accept,
    transfer_add_files,
    transfer_check_line,
    transfer_create,
    transfer_remove_line,
    transfer_return,
    transfer_submit,
)
