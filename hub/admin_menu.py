"""Wagtail admin menu entries shown only to the people a check lets in.

The check takes the user, like the permission checks the admin views call, so a menu entry
and its view use the same function.
"""

from wagtail.admin.menu import MenuItem, SubmenuMenuItem


class PermissionMenuItem(MenuItem):
    def __init__(self, label, url, check, **kwargs):
        self.check = check
        super().__init__(label, url, **kwargs)

    def is_shown(self, request):
        return self.check(request.user)


class PermissionSubmenuItem(SubmenuMenuItem):
    def __init__(self, label, menu, check, **kwargs):
        self.check = check
        super().__init__(label, menu, **kwargs)

    def is_shown(self, request):
        return self.check(request.user)
