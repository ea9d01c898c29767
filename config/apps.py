"""Russian section names in the admin for the third-party apps that bring only English ones."""

from auditlog.apps import AuditlogConfig
from axes.apps import AppConfig as AxesConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpConfig


class AuditLog(AuditlogConfig):
    verbose_name = "Журнал изменений"


class LoginAttempts(AxesConfig):
    verbose_name = "Попытки входа и блокировки"


class TwoFactorDevices(TotpConfig):
    verbose_name = "Двухфакторная защита (TOTP)"
