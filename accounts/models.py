from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models

from store.addresses import AddressFields


class UserManager(BaseUserManager):
    """Creates users who sign in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A shopper or a member of staff. The email address is the login."""

    username = None
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


class Profile(AddressFields):
    """What a shopper keeps on file: a phone number and the address checkout starts from."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    phone = models.CharField(max_length=32, blank=True)
    # A profile may have no address yet: the two fields an order requires are optional here.
    address_line1 = models.CharField("address", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "profile"

    def __str__(self):
        return f"Profile of {self.user.email}"

    @classmethod
    def for_user(cls, user) -> "Profile":
        """The user's profile, created empty the first time it is asked for."""
        profile, _ = cls.objects.get_or_create(user=user)
        return profile

    @property
    def has_address(self) -> bool:
        return bool(self.address_line1 and self.city)

    def checkout_initial(self) -> dict:
        """Initial values for the checkout form, named as on `shop.Order`: who the shopper is
        and where they ship to. Empty values are left out so they never blank a field."""
        user = self.user
        initial = {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": self.phone,
            "address_line1": self.address_line1,
            "address_line2": self.address_line2,
            "city": self.city,
            "state_province": self.state_province,
            "postal_code": self.postal_code,
            "country": self.country,
        }
        return {name: value for name, value in initial.items() if value}
