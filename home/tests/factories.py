import wagtail_factories

from home.models import HomePage, LandingPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Vantor"
    slug = "vantor-home"

    class Meta:
        model = HomePage


class LandingPageFactory(wagtail_factories.PageFactory):
    title = "Summer ritual"
    slug = "summer-ritual"

    class Meta:
        model = LandingPage
