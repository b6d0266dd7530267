"""A test client whose every request commits as in production, for the pages that enqueue work after commit."""

from django.test import Client, TestCase


class KlienKomit(Client):
    """The tests run in one transaction, so ``transaction.on_commit`` callbacks (the enqueue of a task) would never
    run. This client runs those registered during each request when it ends, as the commit of that request would;
    the test settings' ImmediateBackend then runs the task at once. Redirects followed (``follow=True``) are separate
    requests, so the page after a POST shows the work done."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)
