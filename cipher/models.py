from cipher.otp_models import *  # noqa: F403
from cipher.signing_models import *  # noqa: F403
