import wagtail_factories

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Vantor"
    slug = "vantor-home"

    class Meta:
        model = HomePage
