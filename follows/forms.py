from django import forms

from .models import Preference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["email"]
        widgets = {"email": forms.RadioSelect}


class MarkReadForm(forms.Form):
    notification = forms.IntegerField(required=False, min_value=1)
